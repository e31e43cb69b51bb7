namespace CampaignMcp.SignIn;

/// <summary>
/// Short-lived sign-in state shared by every instance (memory when embedded, Table Storage with <c>MCP_STORE=table</c>):
/// the pending request toward the provider (state, PKCE verifier, nonce) and the signed-in user awaiting consent.
/// Stored under the SHA-256 of the handle the browser carries, so the store never holds a usable handle.
/// </summary>
public interface ISignInStateStore
{
    Task SaveAsync(string handleHash, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The payload, without using it up; null when unknown or taken.</summary>
    Task<string?> FindAsync(string handleHash, CancellationToken cancellationToken);

    /// <summary>The payload and removes it atomically, so that only one caller on any instance ever gets it.</summary>
    Task<string?> TakeAsync(string handleHash, CancellationToken cancellationToken);
}
