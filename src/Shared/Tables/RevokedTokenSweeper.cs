using Azure.Data.Tables;
using CampaignMcp.Storage.Purge;

namespace CampaignMcp.Tables;

/// <summary>Revocations of tokens that have expired: an expired token is refused anyway, so its revocation can go.</summary>
public sealed class RevokedTokenSweeper(TableStorage storage) : IExpiredStateSweeper
{
    public string Name => "revocation";

    public async Task<int> SweepAsync(DateTimeOffset now, int budget, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableRevokedTokenStore.Partition} and ExpiresAt le {now}");
        var rows = await TableSweep.SelectAsync(storage, storage.RevokedTokens, filter, budget, cancellationToken).ConfigureAwait(false);
        return await TableSweep.DeleteAsync(storage, storage.RevokedTokens, rows, cancellationToken).ConfigureAwait(false);
    }
}
