using CampaignMcp.Campaigns;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.Storage;

/// <summary>
/// What every <see cref="ICampaignStore"/> must do, run against each implementation: the same data gives the
/// same pages, page for page, as the embedded store, for every sort order and a range of filters.
/// </summary>
public abstract class CampaignStoreContract
{
    protected static readonly IReadOnlyList<Campaign> Data = SampleCampaigns.Generate();
    private static readonly InMemoryCampaignStore Reference = new(Data);

    /// <summary>A store holding exactly <see cref="Data"/>.</summary>
    protected abstract Task<ICampaignStore> StoreAsync();

    public static TheoryData<string> Filters() => new(FilterCases.Keys);

    public static TheoryData<CampaignSort> Sorts() => new(Enum.GetValues<CampaignSort>());

    private static readonly Dictionary<string, CampaignFilter> FilterCases = new()
    {
        ["all"] = CampaignFilter.All,
        ["active or paused search"] = new() { Statuses = new HashSet<CampaignStatus> { CampaignStatus.Active, CampaignStatus.Paused }, Channels = new HashSet<CampaignChannel> { CampaignChannel.Search } },
        ["running in Q2 2026"] = new() { From = new DateOnly(2026, 4, 1), To = new DateOnly(2026, 6, 30) },
        ["text black friday"] = new() { Text = "black FRIDAY" },
        ["email or social spending 10k+"] = new() { Channels = new HashSet<CampaignChannel> { CampaignChannel.Email, CampaignChannel.Social }, MinimumSpend = 10_000m },
        ["exact spend boundary"] = new() { MinimumSpend = Data[41].Spend },
        ["one id"] = new() { Text = "CMP-0042" },
        ["completed late 2025 spending 500.5+"] = new() { Statuses = new HashSet<CampaignStatus> { CampaignStatus.Completed }, From = new DateOnly(2025, 6, 1), To = new DateOnly(2025, 12, 31), MinimumSpend = 500.5m },
        ["nothing"] = new() { Text = "no campaign has this" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Every_sort_order_pages_exactly_like_the_embedded_store(string filterName)
    {
        var store = await StoreAsync();
        var filter = FilterCases[filterName];
        foreach (var sort in Enum.GetValues<CampaignSort>())
        {
            var pageSize = filter == CampaignFilter.All ? 100 : 17;
            string? expectedCursor = null, actualCursor = null;
            var pages = 0;
            do
            {
                var expected = await Reference.QueryAsync(filter, sort, expectedCursor, pageSize, CancellationToken.None);
                var actual = await store.QueryAsync(filter, sort, actualCursor, pageSize, CancellationToken.None);
                Assert.Equal(expected.TotalMatched, actual.TotalMatched);
                Assert.Equal(expected.Items.Select(c => c.Id), actual.Items.Select(c => c.Id));
                Assert.Equal(expected.Items, actual.Items, CampaignComparer.Instance);
                Assert.Equal(expected.NextCursor is null, actual.NextCursor is null);
                (expectedCursor, actualCursor) = (expected.NextCursor, actual.NextCursor);
                pages++;
            }
            while (actualCursor is not null);

            Assert.Equal(Math.Max(1, (int)Math.Ceiling(Data.Count(filter.Matches) / (double)pageSize)), pages);
        }
    }

    [Fact]
    public async Task Scan_returns_every_matching_campaign_once()
    {
        var store = await StoreAsync();
        var filter = new CampaignFilter { Channels = new HashSet<CampaignChannel> { CampaignChannel.Video }, Text = "launch" };
        var scanned = await store.ScanAsync(filter, CancellationToken.None).ToListAsync();
        Assert.Equal(Data.Where(filter.Matches).Select(c => c.Id).Order(), scanned.Select(c => c.Id).Order());
        Assert.Equal(Data.Count, (await store.ScanAsync(CampaignFilter.All, CancellationToken.None).ToListAsync()).Count);
    }

    [Theory]
    [InlineData("cmp-0042")]
    [InlineData("CMP-0042")]
    public async Task Get_finds_a_campaign_by_id_ignoring_case(string id)
    {
        var campaign = await (await StoreAsync()).GetAsync(id, CancellationToken.None);
        Assert.Equal(Data[41], campaign, CampaignComparer.Instance);
    }

    [Theory]
    [InlineData("cmp-9999")]
    [InlineData("cmp/0042")]
    [InlineData("cmp#1?x")]
    [InlineData("a\u0001b")]
    public async Task Get_of_an_unknown_or_impossible_id_is_null(string id) =>
        Assert.Null(await (await StoreAsync()).GetAsync(id, CancellationToken.None));

    [Fact]
    public async Task A_cursor_is_refused_for_another_filter_or_sort()
    {
        var store = await StoreAsync();
        var first = await store.QueryAsync(CampaignFilter.All, CampaignSort.SpendDescending, null, 10, CancellationToken.None);
        var otherSort = await Assert.ThrowsAsync<InvalidCursorException>(() => store.QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, first.NextCursor, 10, CancellationToken.None));
        Assert.Contains("different filter or sort", otherSort.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidCursorException>(() => store.QueryAsync(new CampaignFilter { Text = "sale" }, CampaignSort.SpendDescending, first.NextCursor, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("")]
    [InlineData("YzEuMTAuYWJjLmRlZg")]
    public async Task A_cursor_this_server_did_not_make_is_refused(string cursor) =>
        await Assert.ThrowsAsync<InvalidCursorException>(() => StoreAsync().ContinueWith(t => t.Result.QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, cursor, 10, CancellationToken.None)).Unwrap());

    [Fact]
    public async Task An_edited_offset_is_refused()
    {
        var store = await StoreAsync();
        var first = await store.QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, null, 10, CancellationToken.None);
        var decoded = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(first.NextCursor!));
        var edited = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Text.Encoding.UTF8.GetBytes(decoded.Replace(".10.", ".20.", StringComparison.Ordinal)));
        Assert.NotEqual(first.NextCursor, edited);
        var error = await Assert.ThrowsAsync<InvalidCursorException>(() => store.QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, edited, 10, CancellationToken.None));
        Assert.Contains("not one this server issued", error.Message, StringComparison.Ordinal);
    }
}

public sealed class EmbeddedCampaignStoreTests : CampaignStoreContract
{
    protected override Task<ICampaignStore> StoreAsync() => Task.FromResult<ICampaignStore>(new InMemoryCampaignStore(Data));
}

public sealed class TableCampaignStoreTests : CampaignStoreContract
{
    // Loaded once for the class: every test reads the same 600 rows.
    private static readonly Lazy<Task<ICampaignStore>> Loaded = new(async () =>
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        await new TableCampaignWriter(storage).UpsertAsync([.. Data], null, 4, CancellationToken.None);
        return new TableCampaignStore(storage);
    });

    protected override Task<ICampaignStore> StoreAsync() => Loaded.Value;
}
