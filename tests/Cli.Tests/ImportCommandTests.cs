using System.Diagnostics;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace CampaignMcp.Cli.Tests;

/// <summary><c>campaign-mcp import</c> against Azurite, each test on tables of its own.</summary>
public sealed class ImportCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("import-").FullName;
    private readonly string prefix = AzuriteTables.UniquePrefix();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var connection = await AzuriteTables.ConnectionStringAsync();
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MCP_STORAGE_CONNECTION"] = connection,
            ["MCP_STORAGE_TABLE_PREFIX"] = prefix,
        }).Build();
        var exit = await CliApplication.RunAsync(args, output, error, environment);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<TableCampaignStore> StoreAsync() => new(await TestTableStorage.CreateAsync(prefix));

    private async Task<long> CountAsync() => await new TableCampaignWriter(await TestTableStorage.CreateAsync(prefix)).CountAsync(CancellationToken.None);

    private static IReadOnlyList<Campaign> Sample(int count = 30) => SampleCampaigns.Generate(count);

    [Fact]
    public async Task An_exported_csv_imports_back_to_the_same_campaigns()
    {
        var campaigns = Sample();
        var (exit, output, error) = await RunAsync("import", Write("export.csv", CampaignCsv.Write(campaigns)));
        Assert.True(exit == 0, error);
        Assert.StartsWith($"Imported 30 campaigns into table {prefix}campaigns at 127.0.0.1:", output, StringComparison.Ordinal);

        var store = await StoreAsync();
        foreach (var campaign in campaigns)
        {
            var stored = await store.GetAsync(campaign.Id, CancellationToken.None);
            Assert.Equal(campaign with { Tags = [] }, stored! with { Tags = [] });
            Assert.Equal(campaign.Tags, stored.Tags);
        }
    }

    [Fact]
    public async Task An_exported_json_file_imports_back_and_a_rerun_updates_without_duplicating()
    {
        var campaigns = Sample();
        var path = Write("export.json", JsonSerializer.Serialize(campaigns, McpToolJsonContext.Default.IReadOnlyListCampaign));
        Assert.Equal(0, (await RunAsync("import", path)).Exit);
        Assert.Equal(0, (await RunAsync("import", path)).Exit);
        Assert.Equal(30, await CountAsync());

        var renamed = campaigns.Select(c => c.Id == "cmp-0007" ? c with { Name = "Renamed", Spend = 12.5m } : c).ToList();
        Assert.Equal(0, (await RunAsync("import", Write("export.json", JsonSerializer.Serialize<IReadOnlyList<Campaign>>(renamed, McpToolJsonContext.Default.IReadOnlyListCampaign)))).Exit);
        Assert.Equal(30, await CountAsync());
        var stored = await (await StoreAsync()).GetAsync("cmp-0007", CancellationToken.None);
        Assert.Equal(("Renamed", 12.5m), (stored!.Name, stored.Spend));
    }

    [Fact]
    public async Task Bad_csv_rows_are_reported_by_physical_line_and_nothing_is_loaded()
    {
        // The first row's name holds a line break (quoted, and refused: a control character), so the second
        // row starts on physical line 4.
        var campaigns = Sample(4).Select((c, i) => i == 0 ? c with { Name = "North\nwind Spring Sale" } : c).ToList();
        var lines = CampaignCsv.Write(campaigns).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var channel = "," + campaigns[1].Channel.ToString().ToLowerInvariant() + ",";
        lines[2] = lines[2].Replace(channel, ",radio,", StringComparison.Ordinal);
        lines[3] = lines[3].Replace(",USD,", ",USD,extra,", StringComparison.Ordinal);
        lines.Add(lines[4]);
        var (exit, output, error) = await RunAsync("import", Write("bad.csv", string.Join("\r\n", lines) + "\r\n"));

        Assert.Equal(3, exit);
        Assert.Empty(output);
        Assert.Contains("bad.csv: line 2: 'name' contains U+000A (a control character) at character 6", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv: line 4: 'channel' has 'radio', which is not one of: email, search, social, display, video", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv: line 5: has 17 fields; the header has 16", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv: line 7: 'id' cmp-0004 repeats the id of line 6", error, StringComparison.Ordinal);
        Assert.Contains("4 of 5 rows are invalid; nothing was imported", error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Skip_invalid_loads_the_valid_rows_and_reports_the_others()
    {
        var campaigns = Sample(10).Select(c => c.Id == "cmp-0005" ? c with { Currency = "dollars" } : c).ToList();
        var (exit, output, error) = await RunAsync("import", Write("some-bad.csv", CampaignCsv.Write(campaigns)), "--skip-invalid");
        Assert.Equal(0, exit);
        Assert.Contains("some-bad.csv: line 6: 'currency' must be at most 3 characters", error, StringComparison.Ordinal);
        Assert.Contains("Imported 9 campaigns", output, StringComparison.Ordinal);
        Assert.Contains("skipped 1 invalid rows", output, StringComparison.Ordinal);
        Assert.Equal(9, await CountAsync());
    }

    [Fact]
    public async Task Bad_json_rows_are_reported_by_index_and_line()
    {
        var json = """
            [
              {"id":"cmp-1","name":"Good","status":"active","channel":"email","objective":"sales","budget":100,"spend":10,"currency":"USD",
               "start_date":"2026-01-01","end_date":"2026-02-01","impressions":1,"clicks":1,"conversions":0,"revenue":0,"tags":["na"],"updated_at":"2026-01-02T00:00:00Z"},
              {"id":"cmp-2","name":"Bad","status":"archived","channel":"email","objective":"sales","budget":-1,"spend":10,"currency":"USD",
               "start_date":"2026-03-01","end_date":"2026-02-01","impressions":1,"clicks":1,"conversions":0,"revenue":0,"tags":"na","updated_at":"2026-01-02T00:00:00Z"}
            ]
            """;
        var (exit, _, error) = await RunAsync("import", Write("bad.json", json));
        Assert.Equal(3, exit);
        Assert.Contains("bad.json: [1] (line 4): 'tags' must be an array of strings; 'status' has 'archived'", error, StringComparison.Ordinal);
        Assert.Contains("'budget' must be a number of at least 0", error, StringComparison.Ordinal);
        Assert.Contains("'end_date' (2026-02-01) is before 'start_date' (2026-03-01)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("[0]", error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Sample_loads_the_embedded_data_set()
    {
        var (exit, output, _) = await RunAsync("import", "--sample");
        Assert.Equal(0, exit);
        Assert.Contains($"Imported {SampleCampaigns.DefaultCount} campaigns", output, StringComparison.Ordinal);
        Assert.Equal(SampleCampaigns.DefaultCount, await CountAsync());
    }

    [Theory]
    [InlineData("campaigns.xlsx", 2, "campaigns.xlsx: the file must end in .csv or .json")]
    [InlineData("missing.csv", 3, "missing.csv: no such file")]
    [InlineData("empty.csv", 3, "empty.csv: the file is empty")]
    [InlineData("header.csv", 3, "header.csv: line 1: the header lacks updated_at and has unknown columns modified")]
    [InlineData("broken.json", 3, "broken.json: line 2: not valid JSON")]
    public async Task Unusable_files_get_a_plain_message(string name, int code, string message)
    {
        var header = string.Join(",", CampaignCsv.Columns).Replace("updated_at", "modified", StringComparison.Ordinal);
        var path = name switch
        {
            "missing.csv" => Path.Combine(folder, name),
            "empty.csv" => Write(name, ""),
            "header.csv" => Write(name, header + "\r\n"),
            "broken.json" => Write(name, "[\n  {\"id\": }\n]"),
            _ => Write(name, "x"),
        };
        var (exit, output, error) = await RunAsync("import", path);
        Assert.Equal(code, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_exits_4_within_seconds_without_the_key()
    {
        var dead = AzuriteTables.ConnectionString(RunningHost.FreePort());
        var clock = Stopwatch.StartNew();
        var (exit, _, error) = await RunAsync("import", Write("few.csv", CampaignCsv.Write(Sample(3))), "--connection", dead);
        Assert.Equal(4, exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), clock.Elapsed.ToString());
        Assert.Contains("Table Storage at 127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Contains("re-run the same command", error, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteTables.AccountKey, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--connection", "not a connection string", "--connection is not a storage connection string")]
    [InlineData("--table-prefix", "9bad", "MCP_STORAGE_TABLE_PREFIX must be 1 to 40 letters or digits")]
    public async Task Unusable_connection_settings_exit_5(string option, string value, string message)
    {
        var (exit, _, error) = await RunAsync("import", Write("few.csv", CampaignCsv.Write(Sample(3))), option, value);
        Assert.Equal(5, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_connection_anywhere_names_the_settings_to_set()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(["import", "--sample"], output, error, new ConfigurationBuilder().Build());
        Assert.Equal(5, exit);
        Assert.Contains("no storage connection is set: set MCP_STORAGE_CONNECTION", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A large generated file, timed. CI imports 20,000 rows; set CAMPAIGN_MCP_IMPORT_ROWS=100000 for the
    /// full-size run whose time docs/storage.md reports. Not a timed assertion: the time is printed.
    /// </summary>
    [Fact]
    public async Task A_large_file_imports_every_row_with_progress()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("CAMPAIGN_MCP_IMPORT_ROWS"), out var configured) ? configured : 20_000;
        var path = Write("large.csv", CampaignCsv.Write(SampleCampaigns.Generate(rows)));
        var clock = Stopwatch.StartNew();
        var (exit, output, error) = await RunAsync("import", path);
        clock.Stop();
        log.WriteLine($"import of {rows} rows: {clock.Elapsed.TotalSeconds:0.0} s; {output.Trim()}");

        Assert.True(exit == 0, error);
        Assert.Equal(rows, await CountAsync());
        var progress = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(progress.Length, 1, 10);
        Assert.All(progress, line => Assert.Matches(@"^import: \d+ of \d+ campaigns written \(\d+%\)$", line.TrimEnd('\r')));
        Assert.EndsWith("(100%)", progress[^1].TrimEnd('\r'), StringComparison.Ordinal);
    }
}
