using Azure;
using Azure.Data.Tables;

namespace CampaignMcp.Tables;

/// <summary>
/// Deletes for the sweepers: conditional on the ETag the sweeper read (a row changed since is not deleted), rows
/// of one partition 100 per entity-group transaction, and a row that is already gone (another instance swept it)
/// counted as done. When a transaction fails on one such row, its rows are deleted one by one.
/// </summary>
public static class TableSweep
{
    private const int BatchSize = 100;

    /// <summary>The first <paramref name="budget"/> rows <paramref name="filter"/> selects, keys and ETags only.</summary>
    public static async Task<List<TableEntity>> SelectAsync(TableStorage storage, TableClient table, string filter, int budget, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        if (budget <= 0)
        {
            return rows;
        }

        await foreach (var row in storage.QueryAsync(table, filter, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count >= budget)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>
    /// Deletes <paramref name="rows"/>; returns how many it deleted (for the log: with several instances sweeping at
    /// once the counts may overlap, since Azurite accepts a batch delete of a row another instance just removed).
    /// </summary>
    public static async Task<int> DeleteAsync(TableStorage storage, TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal).SelectMany(partition => partition.Chunk(BatchSize)))
        {
            try
            {
                var actions = batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)).ToList();
                await storage.RunAsync(() => table.SubmitTransactionAsync(actions, cancellationToken), cancellationToken).ConfigureAwait(false);
                deleted += batch.Length;
            }
            catch (TableTransactionFailedException)
            {
                foreach (var row in batch)
                {
                    deleted += await DeleteOneAsync(storage, table, row, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return deleted;
    }

    private static async Task<int> DeleteOneAsync(TableStorage storage, TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await storage.RunAsync(() => table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken), cancellationToken).ConfigureAwait(false);
            return 1;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Gone already, or written since it was selected (a new window, a re-added id): not ours to delete.
            return 0;
        }
    }
}
