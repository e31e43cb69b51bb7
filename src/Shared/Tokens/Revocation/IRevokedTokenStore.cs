namespace CampaignMcp.Tokens.Revocation;

/// <summary>
/// Revoked access-token ids (<c>jti</c>), kept until the token would have expired anyway (RFC 7009 §2.2).
/// Instances read the whole active list periodically, so it must stay small: only revocations live here.
/// </summary>
public interface IRevokedTokenStore
{
    /// <summary>Records a revocation; recording the same id twice is harmless.</summary>
    Task AddAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Every revocation whose token has not expired at <paramref name="now"/>. Expired entries may be purged.</summary>
    Task<IReadOnlyList<RevokedToken>> ListActiveAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
