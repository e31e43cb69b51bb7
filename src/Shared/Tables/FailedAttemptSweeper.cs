using Azure.Data.Tables;
using CampaignMcp.Storage.Purge;
using CampaignMcp.Tokens.ApiKeys;

namespace CampaignMcp.Tables;

/// <summary>Failed-attempt windows that ended: a window started before now minus the lockout window counts for nothing.</summary>
public sealed class FailedAttemptSweeper(TableStorage storage, LockoutSettings lockout) : IExpiredStateSweeper
{
    public string Name => "failed-attempt";

    public async Task<int> SweepAsync(DateTimeOffset now, int budget, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Start le {now - lockout.Window}");
        var rows = await TableSweep.SelectAsync(storage, storage.FailedAttempts, filter, budget, cancellationToken).ConfigureAwait(false);
        return await TableSweep.DeleteAsync(storage, storage.FailedAttempts, rows, cancellationToken).ConfigureAwait(false);
    }
}
