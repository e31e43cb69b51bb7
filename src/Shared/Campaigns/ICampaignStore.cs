namespace CampaignMcp.Campaigns;

/// <summary>
/// Where campaigns live. The embedded store ships with the app; a Table Storage store comes later
/// behind this same interface. Cursors are opaque strings that only the store that made them reads.
/// </summary>
public interface ICampaignStore
{
    Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken);

    /// <exception cref="InvalidCursorException">The cursor was not made by this store for this filter and sort.</exception>
    Task<CampaignPage> QueryAsync(CampaignFilter filter, CampaignSort sort, string? cursor, int pageSize, CancellationToken cancellationToken);

    /// <summary>Every campaign matching the filter, for aggregates and exports.</summary>
    IAsyncEnumerable<Campaign> ScanAsync(CampaignFilter filter, CancellationToken cancellationToken);
}
