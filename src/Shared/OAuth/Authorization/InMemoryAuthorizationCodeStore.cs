using System.Collections.Concurrent;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>The embedded store's codes and one-time tokens: one process, so one dictionary each. Expired entries go on each save.</summary>
public sealed class InMemoryAuthorizationCodeStore(TimeProvider time) : IAuthorizationCodeStore
{
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Entry> codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> usedNonces = new(StringComparer.Ordinal);

    public Task SaveAsync(string codeHash, AuthorizationCode code, CancellationToken cancellationToken)
    {
        Sweep();
        codes[codeHash] = new Entry(code, Redeemed: false, FamilyId: null);
        return Task.CompletedTask;
    }

    public Task<AuthorizationCodeRedemption?> RedeemAsync(string codeHash, CancellationToken cancellationToken)
    {
        while (codes.TryGetValue(codeHash, out var entry))
        {
            if (entry.Redeemed)
            {
                return Task.FromResult<AuthorizationCodeRedemption?>(new(entry.Code, AlreadyRedeemed: true, entry.FamilyId));
            }

            if (codes.TryUpdate(codeHash, entry with { Redeemed = true }, entry))
            {
                return Task.FromResult<AuthorizationCodeRedemption?>(new(entry.Code, AlreadyRedeemed: false, null));
            }
        }

        return Task.FromResult<AuthorizationCodeRedemption?>(null);
    }

    public Task RecordIssuedAsync(string codeHash, string familyId, CancellationToken cancellationToken)
    {
        if (codes.TryGetValue(codeHash, out var entry))
        {
            codes[codeHash] = entry with { FamilyId = familyId };
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryUseOnceAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult(usedNonces.TryAdd(nonce, expiresAt));

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (hash, entry) in codes)
        {
            if (entry.Code.ExpiresAt + KeptAfterExpiry < now)
            {
                codes.TryRemove(hash, out _);
            }
        }

        foreach (var (nonce, expiresAt) in usedNonces)
        {
            if (expiresAt < now)
            {
                usedNonces.TryRemove(nonce, out _);
            }
        }
    }

    private sealed record Entry(AuthorizationCode Code, bool Redeemed, string? FamilyId);
}
