using Azure;
using Azure.Data.Tables;
using CampaignMcp.Storage;
using CampaignMcp.Tokens.ApiKeys;

namespace CampaignMcp.Tables;

/// <summary>
/// Failed-attempt windows in Table Storage. The key (an address or client id) is never stored: RowKey is its
/// SHA-256, PartitionKey the hash's first two hex digits (spreads keys over 256 partitions). Each failure is
/// read-modify-write with If-Match on the ETag (insert when there is no row), retried on a conflict, so
/// failures counted at the same moment on several instances all count
/// (https://learn.microsoft.com/azure/storage/tables/table-storage-design-patterns#concurrency).
/// </summary>
public sealed class TableFailedAttemptStore(TableStorage storage) : IFailedAttemptStore
{
    /// <summary>Enough for dozens of simultaneous writers on one key; past it the call reports storage as unavailable.</summary>
    private const int MaximumAttempts = 60;

    public async Task<AttemptWindow> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        for (var attempt = 1; attempt <= MaximumAttempts; attempt++)
        {
            var existing = await ReadAsync(partition, row, cancellationToken).ConfigureAwait(false);
            var next = existing is { } current && current.Window.Start + window > now
                ? current.Window with { Failures = current.Window.Failures + 1 }
                : new AttemptWindow(now, 1);
            var entity = new TableEntity(partition, row) { ["Start"] = next.Start, ["Failures"] = next.Failures };
            try
            {
                await storage.RunAsync(
                    () => existing is null
                        ? storage.FailedAttempts.AddEntityAsync(entity, cancellationToken)
                        : storage.FailedAttempts.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another instance wrote first: back off a little (with jitter, so writers spread out) and recount.
#pragma warning disable CA5394 // Jitter, not security.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 10 + 5 * Math.Min(attempt, 10))), cancellationToken).ConfigureAwait(false);
#pragma warning restore CA5394
            }
        }

        throw new StorageUnavailableException("Too many concurrent writers on one failed-attempt counter; retry shortly");
    }

    public async Task<AttemptWindow?> GetAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        var existing = await ReadAsync(partition, row, cancellationToken).ConfigureAwait(false);
        return existing is { } current && current.Window.Start + window > now ? current.Window : null;
    }

    private async Task<(AttemptWindow Window, ETag ETag)?> ReadAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var response = await storage.RunAsync(() => storage.FailedAttempts.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        return (new AttemptWindow(entity.GetDateTimeOffset("Start") ?? default, entity.GetInt32("Failures") ?? 0), entity.ETag);
    }

    private static (string Partition, string Row) Keys(string key)
    {
        var hash = TableKeys.Hash(key);
        return (hash[..2], hash);
    }
}
