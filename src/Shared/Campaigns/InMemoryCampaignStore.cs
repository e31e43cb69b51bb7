using System.Runtime.CompilerServices;

namespace CampaignMcp.Campaigns;

/// <summary>
/// The embedded store: the sample data set in memory. Cursors are offsets (<see cref="CampaignCursor"/>).
/// </summary>
public sealed class InMemoryCampaignStore(IReadOnlyList<Campaign> campaigns) : ICampaignStore
{
    private readonly Dictionary<string, Campaign> byId = campaigns.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);

    // Every order sorted once: a page is then a filtered walk, not a sort of the whole set per call.
    private readonly Dictionary<CampaignSort, Campaign[]> sorted = Enum.GetValues<CampaignSort>()
        .ToDictionary(sort => sort, sort => CampaignSortNames.Apply(campaigns, sort).ToArray());

    public InMemoryCampaignStore()
        : this(SampleCampaigns.Generate())
    {
    }

    public Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(byId.GetValueOrDefault(id));

    public Task<CampaignPage> QueryAsync(CampaignFilter filter, CampaignSort sort, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var fingerprint = CampaignCursor.Fingerprint(filter, sort);
        var offset = cursor is null ? 0 : CampaignCursor.Read(cursor, fingerprint);
        var items = new List<Campaign>(Math.Min(pageSize, 128));
        var matched = 0;
        foreach (var campaign in sorted[sort])
        {
            if (filter.Matches(campaign))
            {
                if (matched >= offset && items.Count < pageSize)
                {
                    items.Add(campaign);
                }

                matched++;
            }
        }

        var next = offset + items.Count < matched ? CampaignCursor.Make(offset + items.Count, fingerprint) : null;
        return Task.FromResult(new CampaignPage(items, next, matched));
    }

    public async IAsyncEnumerable<Campaign> ScanAsync(CampaignFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var campaign in campaigns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (filter.Matches(campaign))
            {
                yield return campaign;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
