namespace CampaignMcp.Storage.Purge;

/// <summary>
/// Deletes what has expired in one table. Registered as <c>services.AddSingleton&lt;IExpiredStateSweeper, X&gt;()</c>;
/// <see cref="ExpiredStatePurge"/> runs every registered sweeper. A sweeper must be safe to run on several
/// instances at once (delete with If-Match, a row already gone is not an error) and bounded per run.
/// </summary>
public interface IExpiredStateSweeper
{
    /// <summary>What it sweeps, for logs: e.g. <c>failed attempts</c>.</summary>
    string Name { get; }

    /// <summary>Deletes at most <paramref name="budget"/> rows that had expired at <paramref name="now"/>; returns how many it deleted.</summary>
    Task<int> SweepAsync(DateTimeOffset now, int budget, CancellationToken cancellationToken);
}
