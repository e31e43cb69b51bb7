using Azure.Data.Tables;
using CampaignMcp.Storage.Purge;

namespace CampaignMcp.Tables;

/// <summary>
/// Campaign snapshots no head names any more (superseded, or orphaned by an import that lost the race to publish).
/// Only versions written more than <see cref="Grace"/> ago go: an import still writing its chunks, or an instance
/// still loading the previous snapshot, is never cut short.
/// </summary>
public sealed class CampaignIndexSweeper(TableStorage storage) : IExpiredStateSweeper
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    public string Name => "campaign-snapshot";

    public async Task<int> SweepAsync(DateTimeOffset now, int budget, CancellationToken cancellationToken)
    {
        var head = await new CampaignIndex(storage, TimeProvider.System).ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {CampaignIndex.VersionPartitionPrefix} and PartitionKey lt {CampaignIndex.VersionPartitionPrefix + "~"} and CreatedAt le {now - Grace}");
        if (head is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"PartitionKey ne {CampaignIndex.VersionPartitionPrefix + head.Version}");
        }

        var rows = await TableSweep.SelectAsync(storage, storage.CampaignIndex, filter, budget, cancellationToken).ConfigureAwait(false);
        return await TableSweep.DeleteAsync(storage, storage.CampaignIndex, rows, cancellationToken).ConfigureAwait(false);
    }
}
