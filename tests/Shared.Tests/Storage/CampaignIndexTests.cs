using Azure.Data.Tables;
using CampaignMcp.Campaigns;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.Storage;

/// <summary>The Table Storage campaign store's snapshot against Azurite: cursors across imports, failed imports, tables written before the index.</summary>
public class CampaignIndexTests
{
    private static readonly IReadOnlyList<Campaign> Data = SampleCampaigns.Generate();

    private static async Task<(TableStorage Storage, TableCampaignStore Store)> LoadedAsync(IReadOnlyList<Campaign> campaigns)
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        await new TableCampaignWriter(storage).UpsertAsync([.. campaigns], null, 4, CancellationToken.None);
        return (storage, new TableCampaignStore(storage));
    }

    private static List<Campaign> NewCampaigns(int count, string prefix) =>
        SampleCampaigns.Generate(count).Select(c => c with { Id = prefix + c.Id }).ToList();

    [Fact]
    public async Task A_cursor_issued_before_an_import_says_it_expired_and_a_new_walk_sees_the_import()
    {
        var (storage, store) = await LoadedAsync(Data);
        var first = await store.QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, null, 50, CancellationToken.None);
        Assert.Equal(Data.Count, first.TotalMatched);

        await new TableCampaignWriter(storage).UpsertAsync(NewCampaigns(40, "new-"), null, 4, CancellationToken.None);

        var expired = await Assert.ThrowsAsync<InvalidCursorException>(() => store.QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, first.NextCursor, 50, CancellationToken.None));
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        var ids = await WalkAsync(store, CampaignFilter.All, CampaignSort.NameAscending, 50);
        Assert.Equal(Data.Count + 40, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Walks_during_a_running_import_neither_skip_nor_repeat_rows_and_expire_at_most_once()
    {
        var (storage, store) = await LoadedAsync(Data);
        var importing = new TableCampaignWriter(storage).UpsertAsync(NewCampaigns(1500, "run-"), null, 4, CancellationToken.None);
        var completed = 0;
        var expired = 0;
        while (!importing.IsCompleted || completed + expired == 0)
        {
            try
            {
                var first = await store.QueryAsync(CampaignFilter.All, CampaignSort.SpendDescending, null, 100, CancellationToken.None);
                var ids = first.Items.Select(c => c.Id).ToList();
                for (var cursor = first.NextCursor; cursor is not null;)
                {
                    var page = await store.QueryAsync(CampaignFilter.All, CampaignSort.SpendDescending, cursor, 100, CancellationToken.None);
                    Assert.Equal(first.TotalMatched, page.TotalMatched);
                    ids.AddRange(page.Items.Select(c => c.Id));
                    cursor = page.NextCursor;
                }

                Assert.Equal(first.TotalMatched, ids.Count);
                Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
                Assert.Contains(ids.Count, new[] { Data.Count, Data.Count + 1500 });
                completed++;
            }
            catch (InvalidCursorException exception) when (exception.Message.Contains("expired", StringComparison.Ordinal))
            {
                expired++;
            }
        }

        await importing;
        Assert.True(completed > 0, "no walk completed");
        // One publish per import: only the walk that spans it can be told its cursor expired.
        Assert.True(expired <= 1, $"{expired} walks expired");
        Assert.Equal(Data.Count + 1500, (await store.QueryAsync(CampaignFilter.All, CampaignSort.SpendDescending, null, 1, CancellationToken.None)).TotalMatched);
    }

    [Fact]
    public async Task An_import_that_fails_before_publishing_leaves_lists_and_aggregates_as_they_were()
    {
        var (storage, store) = await LoadedAsync(Data);
        var before = await store.QueryAsync(CampaignFilter.All, CampaignSort.UpdatedAtDescending, null, 25, CancellationToken.None);

        // Rows written, index not published: what a crash between the two steps leaves.
        var half = NewCampaigns(30, "half-");
        foreach (var campaign in half)
        {
            await storage.Campaigns.UpsertEntityAsync(CampaignEntities.ToEntity(campaign), TableUpdateMode.Replace);
        }

        var page = await store.QueryAsync(CampaignFilter.All, CampaignSort.UpdatedAtDescending, before.NextCursor, 25, CancellationToken.None);
        Assert.Equal(Data.Count, page.TotalMatched);
        Assert.Equal(Data.Count, await store.ScanAsync(CampaignFilter.All, CancellationToken.None).CountAsync());

        // Re-running the import publishes them.
        await new TableCampaignWriter(storage).UpsertAsync(half, null, 4, CancellationToken.None);
        Assert.Equal(Data.Count + 30, (await store.QueryAsync(CampaignFilter.All, CampaignSort.UpdatedAtDescending, null, 25, CancellationToken.None)).TotalMatched);
    }

    [Fact]
    public async Task Rows_written_before_the_index_existed_are_indexed_on_first_read()
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        await storage.EnsureTablesAsync(CancellationToken.None);
        foreach (var campaign in Data.Take(120))
        {
            await storage.Campaigns.UpsertEntityAsync(CampaignEntities.ToEntity(campaign), TableUpdateMode.Replace);
        }

        var store = new TableCampaignStore(storage);
        Assert.Equal(120, (await store.QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, null, 10, CancellationToken.None)).TotalMatched);
        var head = await new CampaignIndex(storage, TimeProvider.System).ReadHeadAsync(CancellationToken.None);
        Assert.Equal(120, head!.Rows);

        // An import on top merges into that snapshot.
        await new TableCampaignWriter(storage).UpsertAsync(Data.Skip(100).Take(50).ToList(), null, 4, CancellationToken.None);
        Assert.Equal(150, (await new TableCampaignStore(await TestTableStorage.CreateAsync(storage.Names.Prefix)).QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, null, 10, CancellationToken.None)).TotalMatched);
    }

    [Fact]
    public async Task Two_imports_publishing_at_once_both_land_in_the_snapshot()
    {
        var (storage, _) = await LoadedAsync(Data.Take(50).ToList());
        var other = await TestTableStorage.CreateAsync(storage.Names.Prefix);
        await Task.WhenAll(
            new TableCampaignWriter(storage).UpsertAsync(NewCampaigns(200, "a-"), null, 4, CancellationToken.None),
            new TableCampaignWriter(other).UpsertAsync(NewCampaigns(200, "b-"), null, 4, CancellationToken.None));

        var ids = await WalkAsync(new TableCampaignStore(await TestTableStorage.CreateAsync(storage.Names.Prefix)), CampaignFilter.All, CampaignSort.NameAscending, 100);
        Assert.Equal(450, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_streamed_import_of_several_batches_writes_every_row_and_publishes_one_snapshot()
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        var campaigns = NewCampaigns(TableCampaignWriter.StreamBatch + 150, "big-");
        var enumerations = 0;
        IEnumerable<Campaign> Source()
        {
            enumerations++;
            return campaigns;
        }

        var written = await new TableCampaignWriter(storage).UpsertAsync(Source, null, 4, CancellationToken.None);

        Assert.Equal(2, enumerations);
        Assert.Equal(campaigns.Count, written);
        var versions = 0;
        await foreach (var _ in storage.CampaignIndex.QueryAsync<TableEntity>(filter: "RowKey eq '000000'", select: ["PartitionKey"]))
        {
            versions++;
        }

        Assert.Equal(1, versions);
        var store = new TableCampaignStore(storage);
        Assert.Equal(campaigns.Count, (await store.QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, null, 1, CancellationToken.None)).TotalMatched);
    }

    private static async Task<List<string>> WalkAsync(TableCampaignStore store, CampaignFilter filter, CampaignSort sort, int pageSize)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await store.QueryAsync(filter, sort, cursor, pageSize, CancellationToken.None);
            ids.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }
}
