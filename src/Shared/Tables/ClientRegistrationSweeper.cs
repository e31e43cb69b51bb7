using Azure.Data.Tables;
using CampaignMcp.Storage.Purge;

namespace CampaignMcp.Tables;

/// <summary>
/// Dynamic client registrations past their <c>ExpiresAt</c>: the store already answers an expired one as unknown,
/// so its row can go (RFC 7591 §3.2.1 lets a server expire what it registered).
/// </summary>
public sealed class ClientRegistrationSweeper(TableStorage storage) : IExpiredStateSweeper
{
    public string Name => "client-registration";

    public async Task<int> SweepAsync(DateTimeOffset now, int budget, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"ExpiresAt le {now}");
        var rows = await TableSweep.SelectAsync(storage, storage.OAuthClients, filter, budget, cancellationToken).ConfigureAwait(false);
        return await TableSweep.DeleteAsync(storage, storage.OAuthClients, rows, cancellationToken).ConfigureAwait(false);
    }
}
