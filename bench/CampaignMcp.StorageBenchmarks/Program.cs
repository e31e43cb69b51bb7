// Storage benchmark: seeds Azurite through the import path (TableCampaignWriter, rows + index in one pass) and
// measures the storage targets of docs/storage.md: list_campaigns pages (warm p95 and a fresh instance's first call), get_campaign,
// campaign_performance, a streamed export, and the projection's memory. Run by bench/storage.sh; prints Markdown.
// Usage: CampaignMcp.StorageBenchmarks <rows> <connection-string>
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Storage;
using CampaignMcp.StorageBenchmarks;
using CampaignMcp.Tables;
using Microsoft.Extensions.Logging.Abstractions;

var rows = int.Parse(args[0], CultureInfo.InvariantCulture);
var connectionString = args[1];
const int Samples = 20;
var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
var ct = CancellationToken.None;
ToolProgress noProgress = (_, _, _) => ValueTask.CompletedTask;
var invariant = CultureInfo.InvariantCulture;

TableStorage NewInstance(TimeSpan? timeout = null)
{
    var connection = TableConnection.Parse("bench", connectionString, null, null, null, null, out var error) ?? throw new InvalidOperationException(error?.Message);
    return new TableStorage(connection, prefix, NullLogger<TableStorage>.Instance, TableStorage.ClientOptions(timeout));
}

static Dictionary<string, JsonElement> Args(string json) =>
    JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

Console.WriteLine(string.Create(invariant, $"## {rows:N0} campaigns"));
Console.WriteLine();

// Import: rows in entity-group transactions, then the index snapshot, as `campaign-mcp import` does.
var campaigns = SampleCampaigns.Generate(rows);
using (var writerStorage = NewInstance(TimeSpan.FromSeconds(30)))
{
    var clock = Stopwatch.StartNew();
    await new TableCampaignWriter(writerStorage).UpsertAsync([.. campaigns], null, 8, ct);
    var seconds = clock.Elapsed.TotalSeconds;
    var head = await new CampaignIndex(writerStorage, TimeProvider.System).ReadHeadAsync(ct);
    Console.WriteLine(string.Create(invariant, $"Import (rows + index, one pass): {seconds:0.0} s, **{rows / seconds:N0} rows/s**; snapshot {head!.Rows:N0} rows in {head.Chunks} chunk rows."));
}

// A fresh instance: a new client and store, nothing loaded; the first call loads the snapshot.
var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
using var storage = NewInstance();
using var store = new TableCampaignStore(storage);
var list = new ListCampaignsTool(store);
var first = new Timings("first list_campaigns call on a fresh instance");
await first.MeasureAsync(() => list.CallAsync(Args("""{"sort":"spend_desc"}"""), noProgress, ct));
var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
Console.WriteLine(string.Create(invariant, $"First call on a fresh instance (loads the snapshot, sorts one order): **{first.Percentile(50):0} ms**; projection in memory: {(memoryAfter - memoryBefore) / 1048576.0:0} MiB managed."));
Console.WriteLine();

var filters = new (string Name, string Json)[]
{
    ("no filter", "{}"),
    ("status active", """{"status":"active"}"""),
    ("channel email", """{"channel":"email"}"""),
    ("dates (Q2 2026)", """{"start_date":"2026-04-01","end_date":"2026-06-30"}"""),
    ("min_spend 20000", """{"min_spend":20000}"""),
    ("text \"black friday\"", """{"text":"black friday"}"""),
    ("active or paused search, spend 10000+, 2026", """{"status":["active","paused"],"channel":"search","min_spend":10000,"start_date":"2026-01-01"}"""),
};

Console.WriteLine("### list_campaigns, warm, 25 per page (every sort order: first page and the page after three next_cursor hops)");
Console.WriteLine();
Console.WriteLine("| filter | calls | p50 ms | p95 ms | max ms |");
Console.WriteLine("|---|---|---|---|---|");
var all = new Timings("**all list calls**");
foreach (var (name, json) in filters)
{
    var timings = new Timings(name);
    foreach (var sort in CampaignSortNames.ByName.Keys)
    {
        var query = Args(json);
        query["sort"] = JsonSerializer.SerializeToElement(sort);
        // Later page: follow next_cursor three times, then time that page.
        string? cursor = null;
        for (var hop = 0; hop < 3; hop++)
        {
            var page = await list.CallAsync(query, noProgress, ct);
            cursor = page.ToCallToolResult().StructuredContent is { } content && content.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (cursor is null)
            {
                break;
            }

            query["cursor"] = JsonSerializer.SerializeToElement(cursor);
        }

        var firstPage = Args(json);
        firstPage["sort"] = JsonSerializer.SerializeToElement(sort);
        for (var i = 0; i < Samples; i++)
        {
            await timings.MeasureAsync(() => list.CallAsync(firstPage, noProgress, ct));
            if (cursor is not null)
            {
                await timings.MeasureAsync(() => list.CallAsync(query, noProgress, ct));
            }
        }
    }

    Console.WriteLine(timings.Row());
    all.Add(timings);
}

Console.WriteLine(all.Row());
Console.WriteLine();

Console.WriteLine("### get_campaign, campaign_performance, export");
Console.WriteLine();
Console.WriteLine("| operation | calls | p50 ms | p95 ms | max ms |");
Console.WriteLine("|---|---|---|---|---|");
var get = new GetCampaignTool(store);
var gets = new Timings("get_campaign (point read)");
var random = new Random(7);
for (var i = 0; i < 200; i++)
{
    var id = campaigns[random.Next(campaigns.Count)].Id;
    await gets.MeasureAsync(() => get.CallAsync(Args($$"""{"id":"{{id}}"}"""), noProgress, ct));
}

Console.WriteLine(gets.Row());
var performance = new CampaignPerformanceTool(store);
foreach (var groupBy in new[] { "channel", "status", "month" })
{
    var timings = new Timings($"campaign_performance group_by {groupBy}, all campaigns");
    for (var i = 0; i < Samples; i++)
    {
        await timings.MeasureAsync(() => performance.CallAsync(Args($$"""{"group_by":"{{groupBy}}"}"""), noProgress, ct));
    }

    Console.WriteLine(timings.Row());
}

var export = new ExportCampaignsTool(store, TimeProvider.System);
var exports = new Timings("export_campaigns CSV, max_rows 5000 (the tool's cap)");
for (var i = 0; i < 5; i++)
{
    await exports.MeasureAsync(() => export.CallAsync(Args("""{"format":"csv","max_rows":5000}"""), noProgress, ct));
}

Console.WriteLine(exports.Row());

// Every row streamed out as CSV, 1,000 rows at a time, to a sink: what an export without the cap holds at once.
var beforeStream = GC.GetTotalMemory(forceFullCollection: true);
var peakDuring = 0L;
var streamed = 0;
var streamClock = Stopwatch.StartNew();
using (var sink = new StreamWriter(Stream.Null))
{
    var chunk = new List<Campaign>(1000);
    await foreach (var campaign in store.ScanAsync(CampaignFilter.All, ct))
    {
        chunk.Add(campaign);
        if (chunk.Count == 1000)
        {
            await sink.WriteAsync(CampaignCsv.Write(chunk));
            streamed += chunk.Count;
            chunk.Clear();
            peakDuring = Math.Max(peakDuring, GC.GetTotalMemory(false));
        }
    }

    await sink.WriteAsync(CampaignCsv.Write(chunk));
    streamed += chunk.Count;
}

Console.WriteLine();
Console.WriteLine(string.Create(invariant,
    $"Streamed export of all {streamed:N0} rows as CSV: {streamClock.Elapsed.TotalMilliseconds:0} ms; managed heap {beforeStream / 1048576.0:0} MiB before, at most {peakDuring / 1048576.0:0} MiB during (garbage included); process RSS {Environment.WorkingSet / 1048576.0:0} MiB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB."));
Console.WriteLine();
