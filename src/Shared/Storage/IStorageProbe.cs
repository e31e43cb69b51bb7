namespace CampaignMcp.Storage;

/// <summary>
/// Whether the configured store answers at all, for health. The Table adapter implements it, so that health
/// depends on this contract and not on the adapters layer above it.
/// </summary>
public interface IStorageProbe
{
    /// <summary>The store's host name, for health and logs (never a connection string).</summary>
    string EndpointHost { get; }

    /// <summary>Completes when the service answered; throws <see cref="StorageUnavailableException"/> when it did not.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
