using CampaignMcp.Storage.Purge;

namespace CampaignMcp.Tables;

/// <summary>Refresh-token families whose current token has expired, with their superseded-token markers.</summary>
public sealed class RefreshFamilySweeper(TableRefreshTokenStore families) : IExpiredStateSweeper
{
    public string Name => "refresh-family";

    public Task<int> SweepAsync(DateTimeOffset now, int budget, CancellationToken cancellationToken) =>
        families.PurgeExpiredAsync(now, budget, cancellationToken);
}
