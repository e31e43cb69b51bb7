namespace CampaignMcp.TokenState;

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
                // Bounded against a flood of made-up addresses: drop the windows that have ended.
                foreach (var ended in windows.Where(pair => pair.Value.Start + window <= now).Select(pair => pair.Key).ToList())
                {
                    windows.Remove(ended);
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
