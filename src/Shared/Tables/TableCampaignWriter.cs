using Azure.Data.Tables;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Tables;

/// <summary>
/// Bulk upsert of campaigns: rows grouped by partition and written 100 per entity-group transaction (the
/// service's limit), several transactions in flight. Upsert by id, so a re-run updates and never duplicates.
/// Callers must not pass two campaigns whose ids differ only in case (one row; a batch would be refused).
/// Once every row is written, one new snapshot of the campaign index (<see cref="CampaignIndex"/>) is published
/// holding them; until then the previous snapshot stays in force, so an import that fails half-way leaves lists
/// and aggregates as they were (re-running it writes the rest and publishes).
/// </summary>
public sealed class TableCampaignWriter(TableStorage storage, TimeProvider time)
{
    public TableCampaignWriter(TableStorage storage)
        : this(storage, TimeProvider.System)
    {
    }

    public const int BatchSize = 100;

    /// <summary>
    /// Campaigns a streamed import holds at a time: enough for every partition to fill a few transactions
    /// (16 partitions × 100 × 4), few enough to stay a small part of the import's memory (docs/storage.md).
    /// </summary>
    public const int StreamBatch = CampaignEntities.Partitions * BatchSize * 4;

    /// <param name="progress">Called with the running total after each transaction, possibly from several threads.</param>
    public Task<int> UpsertAsync(IReadOnlyCollection<Campaign> campaigns, Action<int>? progress, int parallelism, CancellationToken cancellationToken) =>
        UpsertAsync(() => campaigns, progress, parallelism, cancellationToken);

    /// <summary>
    /// The same for a source too large to hold (a file), enumerated twice: once to write its rows
    /// <see cref="StreamBatch"/> at a time, once more to merge them into the one snapshot published at the end.
    /// </summary>
    /// <param name="campaigns">Yields the same campaigns each time it is called.</param>
    /// <param name="progress">Called with the running total after each transaction, possibly from several threads.</param>
    public async Task<int> UpsertAsync(Func<IEnumerable<Campaign>> campaigns, Action<int>? progress, int parallelism, CancellationToken cancellationToken)
    {
        var index = new CampaignIndex(storage, time);
        var startedEmpty = await index.IsEmptyAsync(cancellationToken).ConfigureAwait(false);
        var written = 0;
        var reported = 0;
        foreach (var chunk in campaigns().Chunk(StreamBatch))
        {
            var batches = chunk.GroupBy(c => CampaignEntities.PartitionKey(c.Id), StringComparer.Ordinal).SelectMany(group => group.Chunk(BatchSize));
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (batch, token) =>
            {
                var actions = batch.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, CampaignEntities.ToEntity(c))).ToList();
                await storage.RunAsync(() => storage.Campaigns.SubmitTransactionAsync(actions, token), token).ConfigureAwait(false);
                progress?.Invoke(Interlocked.Add(ref reported, batch.Length));
            }).ConfigureAwait(false);
            written += chunk.Length;
        }

        await index.PublishAsync(campaigns(), startedEmpty, cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>Rows in the campaign table, read as keys only.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in storage.QueryAsync(storage.Campaigns, null, ["PartitionKey"], cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }
}
