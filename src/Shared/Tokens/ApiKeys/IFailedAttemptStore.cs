namespace CampaignMcp.Tokens.ApiKeys;

/// <summary>
/// Failed credential attempts per key (<c>address:203.0.113.7</c>, <c>client:cursor</c>) in fixed windows,
/// shared by every instance and surviving restarts. Concurrent failures on two instances must both count
/// (optimistic concurrency, retried).
/// </summary>
public interface IFailedAttemptStore
{
    /// <summary>Counts one failure: starts a new window at <paramref name="now"/> when the last one has ended.</summary>
    Task<AttemptWindow> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The window in force at <paramref name="now"/>, or null when there is none.</summary>
    Task<AttemptWindow?> GetAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);
}
