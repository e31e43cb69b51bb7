namespace CampaignMcp.Tokens.ApiKeys;

/// <summary>The embedded store: one process, nothing survives a restart. Local runs and tests only.</summary>
public sealed class InMemoryFailedAttemptStore : IFailedAttemptStore
{
    private const int MaximumKeys = 100_000;
    private readonly Lock gate = new();
    private readonly Dictionary<string, AttemptWindow> windows = new(StringComparer.Ordinal);

    public Task<AttemptWindow> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (windows.Count >= MaximumKeys)
            {
                // Bounded against a flood of made-up addresses: drop the windows that have ended, and if that is
                // not enough, the oldest tenth (their callers start counting again: a bounded loss, not a bypass
                // of the address limit, which a flood would have to keep up across 100,000 keys).
                var dropped = windows.Where(pair => pair.Value.Start + window <= now).Select(pair => pair.Key).ToList();
                if (dropped.Count < MaximumKeys / 10)
                {
                    dropped.AddRange(windows.OrderBy(pair => pair.Value.Start).Take(MaximumKeys / 10).Select(pair => pair.Key));
                }

                foreach (var droppedKey in dropped)
                {
                    windows.Remove(droppedKey);
                }
            }

            var next = windows.TryGetValue(key, out var existing) && existing.Start + window > now
                ? existing with { Failures = existing.Failures + 1 }
                : new AttemptWindow(now, 1);
            windows[key] = next;
            return Task.FromResult(next);
        }
    }

    public Task<AttemptWindow?> GetAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(windows.TryGetValue(key, out var existing) && existing.Start + window > now ? existing : null);
        }
    }
}
