using System.Runtime.CompilerServices;

namespace CampaignMcp.Campaigns;

/// <summary>
/// A fixed set of campaigns in memory: the embedded store (the sample data set), and the Table Storage store's
/// per-instance projection of one published snapshot. Cursors are offsets (<see cref="CampaignCursor"/>) bound
/// to <paramref name="snapshot"/>.
/// </summary>
/// <param name="snapshot">The version of the data these campaigns are; letters and digits.</param>
public sealed class InMemoryCampaignStore(IReadOnlyList<Campaign> campaigns, string snapshot) : ICampaignStore
{
    public const string EmbeddedSnapshot = "embedded";

    private readonly Lazy<Dictionary<string, Campaign>> byId = new(() => campaigns.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase));

    // Each order sorted once, on first use (a fresh instance pays for the orders it is asked for, not all six):
    // a page is then a filtered walk, not a sort of the whole set per call.
    private readonly Lazy<Campaign[]>[] sorted = Enum.GetValues<CampaignSort>()
        .Select(sort => new Lazy<Campaign[]>(() => CampaignSortNames.Apply(campaigns, sort).ToArray()))
        .ToArray();

    public InMemoryCampaignStore(IReadOnlyList<Campaign> campaigns)
        : this(campaigns, EmbeddedSnapshot)
    {
    }

    public InMemoryCampaignStore()
        : this(SampleCampaigns.Generate())
    {
    }

    public string Snapshot => snapshot;

    public int Count => campaigns.Count;

    public Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(byId.Value.GetValueOrDefault(id));

    public Task<CampaignPage> QueryAsync(CampaignFilter filter, CampaignSort sort, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var fingerprint = CampaignCursor.Fingerprint(filter, sort);
        var offset = cursor is null ? 0 : CampaignCursor.Read(cursor, fingerprint, snapshot);
        var items = new List<Campaign>(Math.Min(pageSize, 128));
        var matched = 0;
        foreach (var campaign in sorted[(int)sort].Value)
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

        var next = offset + items.Count < matched ? CampaignCursor.Make(offset + items.Count, fingerprint, snapshot) : null;
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
