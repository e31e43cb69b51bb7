namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// Authorization codes and the sign-in form's one-time tokens, in the token-state store so that any instance can
/// redeem what another issued (memory when embedded, Table Storage when <c>MCP_STORE=table</c>).
/// </summary>
public interface IAuthorizationCodeStore
{
    Task SaveAsync(string codeHash, AuthorizationCode code, CancellationToken cancellationToken);

    /// <summary>Marks the code redeemed atomically; null when no such code exists (or it was purged).</summary>
    Task<AuthorizationCodeRedemption?> RedeemAsync(string codeHash, CancellationToken cancellationToken);

    /// <summary>Records the refresh family the redemption started, for a later replay to revoke.</summary>
    Task RecordIssuedAsync(string codeHash, string familyId, CancellationToken cancellationToken);

    /// <summary>True the first time <paramref name="nonce"/> is used, false every later time (until <paramref name="expiresAt"/>).</summary>
    Task<bool> TryUseOnceAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
