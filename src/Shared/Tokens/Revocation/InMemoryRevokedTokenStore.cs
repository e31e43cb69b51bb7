using System.Collections.Concurrent;

namespace CampaignMcp.Tokens.Revocation;

/// <summary>The embedded store: one process, nothing survives a restart. Local runs and tests only.</summary>
public sealed class InMemoryRevokedTokenStore : IRevokedTokenStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> revoked = new(StringComparer.Ordinal);

    public Task AddAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        revoked[tokenId] = expiresAt;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RevokedToken>> ListActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = new List<RevokedToken>();
        foreach (var (tokenId, expiresAt) in revoked)
        {
            if (expiresAt > now)
            {
                active.Add(new RevokedToken(tokenId, expiresAt));
            }
            else
            {
                revoked.TryRemove(tokenId, out _);
            }
        }
        return Task.FromResult<IReadOnlyList<RevokedToken>>(active);
    }
}
