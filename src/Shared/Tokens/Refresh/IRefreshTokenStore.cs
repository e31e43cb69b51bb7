namespace CampaignMcp.Tokens.Refresh;

/// <summary>
/// Refresh-token families, shared by every instance. Implementations throw
/// <see cref="CampaignMcp.Storage.StorageUnavailableException"/> when their backing store cannot be reached.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>Stores a new family; its id is random, so a clash is a bug and throws.</summary>
    Task CreateAsync(RefreshFamily family, CancellationToken cancellationToken);

    /// <summary>The family and how <paramref name="tokenHash"/> relates to it; null when no such family exists.</summary>
    Task<RefreshLookup?> FindAsync(string familyId, string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically makes <paramref name="newTokenHash"/> the current token and remembers the old one as
    /// superseded and as <see cref="RefreshFamily.PreviousTokenHash"/> (rotated at <paramref name="rotatedAt"/>),
    /// only if the family is still at <paramref name="current"/>'s <see cref="RefreshFamily.Version"/>
    /// (not rotated or revoked meanwhile). Returns the updated family, or null when another caller won.
    /// When the family already holds exactly this rotation (same new hash, next generation), as after a retry
    /// or a concurrent duplicate whose successor is derived the same way, that stored family is returned.
    /// Either both changes are stored or neither, so a client never loses both its old and new token.
    /// </summary>
    Task<RefreshFamily?> TryRotateAsync(RefreshFamily current, string newTokenHash, string newScope, DateTimeOffset newExpiresAt, DateTimeOffset rotatedAt, CancellationToken cancellationToken);

    /// <summary>Revokes the family (idempotent; the first reason is kept). False when it does not exist.</summary>
    Task<bool> RevokeAsync(string familyId, string reason, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
