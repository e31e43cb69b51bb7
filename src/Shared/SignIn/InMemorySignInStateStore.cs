using System.Collections.Concurrent;

namespace CampaignMcp.SignIn;

/// <summary>The embedded store: one instance only. Expired entries are dropped as new ones arrive.</summary>
public sealed class InMemorySignInStateStore(TimeProvider time) : ISignInStateStore
{
    private const int SweepEvery = 64;
    private readonly ConcurrentDictionary<string, (string Payload, DateTimeOffset ExpiresAt)> entries = new(StringComparer.Ordinal);
    private int saves;

    public Task SaveAsync(string handleHash, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref saves) % SweepEvery == 0)
        {
            var now = time.GetUtcNow();
            foreach (var (key, entry) in entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    entries.TryRemove(key, out _);
                }
            }
        }

        entries[handleHash] = (payload, expiresAt);
        return Task.CompletedTask;
    }

    public Task<string?> FindAsync(string handleHash, CancellationToken cancellationToken) =>
        Task.FromResult(entries.TryGetValue(handleHash, out var entry) ? entry.Payload : null);

    public Task<string?> TakeAsync(string handleHash, CancellationToken cancellationToken) =>
        Task.FromResult(entries.TryRemove(handleHash, out var entry) ? entry.Payload : null);
}
