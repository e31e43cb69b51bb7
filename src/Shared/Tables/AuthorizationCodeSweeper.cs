using Azure.Data.Tables;
using CampaignMcp.Storage.Purge;

namespace CampaignMcp.Tables;

/// <summary>
/// Authorization codes and used sign-in form tokens past their expiry. A code is kept 10 minutes beyond its
/// 60 s life, so that a late second redemption still finds it (and revokes what the first one issued) rather
/// than an unknown code.
/// </summary>
public sealed class AuthorizationCodeSweeper(TableStorage storage) : IExpiredStateSweeper
{
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromMinutes(10);

    public string Name => "authorization-code";

    public async Task<int> SweepAsync(DateTimeOffset now, int budget, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"ExpiresAt le {now - KeptAfterExpiry}");
        var rows = await TableSweep.SelectAsync(storage, storage.AuthorizationCodes, filter, budget, cancellationToken).ConfigureAwait(false);
        return await TableSweep.DeleteAsync(storage, storage.AuthorizationCodes, rows, cancellationToken).ConfigureAwait(false);
    }
}
