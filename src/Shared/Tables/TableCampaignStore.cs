using Azure.Data.Tables;
using CampaignMcp.Campaigns;
using CampaignMcp.Storage;

namespace CampaignMcp.Tables;

/// <summary>
/// Campaigns in Azure Table Storage (row design: <see cref="CampaignEntities"/>; index: <see cref="CampaignIndex"/>).
/// <para>
/// None of the six sort orders is the table's natural order, text search is a substring match the service cannot
/// evaluate, and every page reports an exact <c>total_matched</c>, which Table Storage cannot count without reading
/// every matching row. So lists and aggregates are answered from a per-instance projection: the snapshot the last
/// import published, loaded in a few large reads and kept in memory as long as the index head names it. Each call
/// costs one point read of the head (a newer head loads the newer snapshot), then an in-memory walk. Cursors are
/// bound to the snapshot: after an import they say they expired instead of skipping or repeating rows.
/// <c>get_campaign</c> stays a point read of the row. docs/storage.md has the measurements.
/// </para>
/// </summary>
public sealed class TableCampaignStore(TableStorage storage, CampaignIndex index) : ICampaignStore, IDisposable
{
    private const string NoIndex = "none";
    private const int LoadAttempts = 3;
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile InMemoryCampaignStore? current;

    public TableCampaignStore(TableStorage storage)
        : this(storage, new CampaignIndex(storage, TimeProvider.System))
    {
    }

    public async Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(id))
        {
            return null;
        }

        var response = await storage.RunAsync(
            () => storage.Campaigns.GetEntityIfExistsAsync<TableEntity>(CampaignEntities.PartitionKey(id), CampaignEntities.RowKey(id), cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return response.HasValue ? CampaignEntities.FromEntity(response.Value!) : null;
    }

    public async Task<CampaignPage> QueryAsync(CampaignFilter filter, CampaignSort sort, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        return await snapshot.QueryAsync(filter, sort, cursor, pageSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Matching campaigns in the snapshot's order (import order).</summary>
    public async IAsyncEnumerable<Campaign> ScanAsync(CampaignFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var campaign in snapshot.ScanAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            yield return campaign;
        }
    }

    /// <summary>Loads the published snapshot now, so that a fresh instance's first call does not wait for it.</summary>
    public Task WarmAsync(CancellationToken cancellationToken) => SnapshotAsync(cancellationToken);

    public void Dispose() => loading.Dispose();

    /// <summary>The snapshot the head names: the one in memory when it is still current, else loaded once (one loader per instance).</summary>
    private async Task<InMemoryCampaignStore> SnapshotAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await index.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            if (current is { } loaded && loaded.Snapshot == (head?.Version ?? NoIndex))
            {
                return loaded;
            }

            await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (current is { } other && other.Snapshot == (head?.Version ?? NoIndex))
                {
                    return other;
                }

                if (head is null)
                {
                    // No import has published an index (an empty table, or rows written before the index existed):
                    // read the rows and, if there are any, publish them so that the next instance loads the snapshot.
                    var rows = await index.ScanRowsAsync(cancellationToken).ConfigureAwait(false);
                    if (rows.Count == 0)
                    {
                        return new InMemoryCampaignStore(rows, NoIndex);
                    }

                    try
                    {
                        head = await index.WriteAsync(rows, null, cancellationToken).ConfigureAwait(false);
                        return current = new InMemoryCampaignStore(rows, head.Version);
                    }
                    catch (Azure.RequestFailedException exception) when (exception.Status == 409)
                    {
                        continue; // Another instance or an import published first: load theirs.
                    }
                }

                if (await index.ReadSnapshotAsync(head, cancellationToken).ConfigureAwait(false) is { } campaigns)
                {
                    return current = new InMemoryCampaignStore(campaigns, head.Version);
                }

                // Superseded and swept while loading: read the newer head.
                if (attempt >= LoadAttempts)
                {
                    throw new StorageUnavailableException("The campaign index changed while it was being loaded; retry");
                }
            }
            finally
            {
                loading.Release();
            }
        }
    }
}
