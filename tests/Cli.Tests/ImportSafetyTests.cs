using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using CsvHelper;

namespace CampaignMcp.Cli.Tests;

/// <summary>
/// Hostile and mis-encoded import files, run through the CLI as a process: the
/// exit code and stderr a user sees, never a crash or a stack trace.
/// </summary>
public sealed class ImportSafetyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("import-safety-").FullName;
    private readonly string prefix = AzuriteTables.UniquePrefix();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private async Task<long> CountAsync() => await new TableCampaignWriter(await TestTableStorage.CreateAsync(prefix)).CountAsync(CancellationToken.None);

    private static Campaign Sample(string id, string name) => SampleCampaigns.Generate(1)[0] with { Id = id, Name = name };

    private static readonly JsonSerializerOptions Indented = new(CampaignMcp.Mcp.Tools.McpToolJsonContext.Default.Options) { WriteIndented = true };

    private const string JsonRecord = """{"id":"cmp-1","name":"NAME","status":"active","channel":"email","objective":"sales","budget":100,"spend":10,"currency":"USD","start_date":"2026-01-01","end_date":"2026-02-01","impressions":1,"clicks":1,"conversions":0,"revenue":0,"tags":["na"],"updated_at":"2026-01-02T00:00:00Z"}""";

    private static void AssertNoCrash((int Exit, string Output, string Error) run)
    {
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_json_exits_3_naming_the_line_not_a_crash()
    {
        var bytes = Encoding.UTF8.GetBytes("[\n" + JsonRecord.Replace("NAME", "Caf\u00e9", StringComparison.Ordinal) + "\n]\n");
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes = [.. bytes[..at], 0xFF, .. bytes[(at + 2)..]];

        var run = await CliProcess.RunAsync(prefix, "import", Write("bad-utf8.json", bytes));

        Assert.Equal(3, run.Exit);
        Assert.Contains("bad-utf8.json: line 2: not valid UTF-8 (byte 0xFF", run.Error, StringComparison.Ordinal);
        AssertNoCrash(run);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_latin1_csv_exits_3_instead_of_importing_replacement_characters()
    {
        var csv = CampaignCsv.Write([Sample("cmp-1", "Plain"), Sample("cmp-2", "Caf\u00e9 cr\u00e8me")]);
        var run = await CliProcess.RunAsync(prefix, "import", Write("latin1.csv", Encoding.Latin1.GetBytes(csv)));

        Assert.Equal(3, run.Exit);
        Assert.Contains("latin1.csv: line 3: not valid UTF-8 (byte 0xE9", run.Error, StringComparison.Ordinal);
        Assert.Contains("save the file as UTF-8", run.Error, StringComparison.Ordinal);
        AssertNoCrash(run);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_utf8_csv_with_a_byte_order_mark_imports()
    {
        var csv = CampaignCsv.Write([Sample("cmp-1", "Caf\u00e9 cr\u00e8me")]);
        var run = await CliProcess.RunAsync(prefix, "import", Write("bom.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]));
        Assert.True(run.Exit == 0, run.Error);
        var stored = await new TableCampaignStore(await TestTableStorage.CreateAsync(prefix)).GetAsync("cmp-1", CancellationToken.None);
        Assert.Equal("Caf\u00e9 cr\u00e8me", stored!.Name);
    }

    [Fact]
    public async Task A_json_record_with_a_repeated_key_is_refused()
    {
        var record = JsonRecord.Replace("\"name\":\"NAME\"", "\"name\":\"Shown\",\"budget\":5,\"name\":\"Hidden\"", StringComparison.Ordinal);
        var run = await CliProcess.RunAsync(prefix, "import", Write("dup.json", Encoding.UTF8.GetBytes("[\n" + record + "\n]")));

        Assert.Equal(3, run.Exit);
        Assert.Contains("dup.json: [0] (line 2): has property 'name' more than once; has property 'budget' more than once", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());
    }

    /// <summary>The JSON reader reads the file in 64 KiB chunks: records across chunk edges keep their index and line.</summary>
    [Fact]
    public async Task A_large_indented_json_file_is_read_in_chunks_with_exact_lines()
    {
        var campaigns = SampleCampaigns.Generate(2_000).Select((c, i) => i == 1234 ? c with { Currency = "dollars" } : c).ToList();
        var text = JsonSerializer.Serialize<IReadOnlyList<Campaign>>(campaigns, Indented);
        var idLine = text[..text.IndexOf($"\"{campaigns[1234].Id}\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var run = await CliProcess.RunAsync(prefix, "import", Write("large.json", Encoding.UTF8.GetBytes(text)), "--skip-invalid");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains($"large.json: [1234] (line {idLine - 1}): 'currency' must be at most 3 characters", run.Error, StringComparison.Ordinal);
        Assert.Contains("Imported 1999 campaigns", run.Output, StringComparison.Ordinal);
        Assert.Equal(1_999, await CountAsync());
    }

    /// <summary>
    /// The import streams: a 35 MB file goes through a process whose GC heap may not exceed 48 MB (reading
    /// the file whole runs out of memory). Most rows are invalid and skipped, so that
    /// the test reads the whole file twice without spending a minute writing rows.
    /// </summary>
    [Fact]
    public async Task A_file_larger_than_the_heap_limit_is_read_in_a_stream()
    {
        var campaigns = SampleCampaigns.Generate(200_000).Select((c, i) => i % 1_000 == 0 ? c : c with { Currency = "dollars" }).ToList();
        var path = Path.Combine(folder, "large.csv");
        await File.WriteAllTextAsync(path, CampaignCsv.Write(campaigns));
        Assert.True(new FileInfo(path).Length > 30_000_000);

        var run = await CliProcess.RunAsync(prefix, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x3000000" }, "import", path, "--skip-invalid");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("Imported 200 campaigns", run.Output, StringComparison.Ordinal);
        Assert.Contains("skipped 199800 invalid rows", run.Output, StringComparison.Ordinal);
        Assert.Equal(200, await CountAsync());
    }

    [Theory]
    [InlineData("\t=1+1", "'name' contains U+0009 (a control character) at character 1")]
    [InlineData("\r=1+1", "'name' contains U+000D (a control character) at character 1")]
    [InlineData("Spring\0Sale", "'name' contains U+0000 (a control character) at character 7")]
    [InlineData("Spring\nSale", "'name' contains U+000A (a control character) at character 7")]
    [InlineData("Sale \u202Egnirps", "'name' contains U+202E (a bidirectional override) at character 6")]
    [InlineData("\u2066Sale", "'name' contains U+2066 (a bidirectional override) at character 1")]
    public async Task Control_and_bidi_override_characters_are_refused_per_line(string name, string message)
    {
        var csv = CampaignCsv.Write([Sample("cmp-1", "Fine"), Sample("cmp-2", name)]);
        var run = await CliProcess.RunAsync(prefix, "import", Write("hostile.csv", Encoding.UTF8.GetBytes(csv)));

        Assert.Equal(3, run.Exit);
        Assert.Contains($"hostile.csv: line 3: {message}", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 of 2 rows are invalid; nothing was imported", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(name, run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Control_characters_in_json_tags_are_refused()
    {
        var record = JsonRecord.Replace("NAME", "Fine", StringComparison.Ordinal).Replace("[\"na\"]", "[\"na\",\"x\\u0000y\"]", StringComparison.Ordinal);
        var run = await CliProcess.RunAsync(prefix, "import", Write("tags.json", Encoding.UTF8.GetBytes("[" + record + "]")));
        Assert.Equal(3, run.Exit);
        Assert.Contains("tags.json: [0] (line 1): 'tags' contains U+0000 (a control character) at character 2", run.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Names that start like formulas are legitimate text: they import, come out of export_campaigns behind a
    /// single quote in a quoted cell (OWASP CSV injection), and that export imports back to the same names.
    /// </summary>
    [Fact]
    public async Task Formula_like_cells_are_neutralized_on_export_and_import_back_unchanged()
    {
        string[] names = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1 upsell", "-10% sale", "@SUM(A1:A2)", "'=already quoted", "'plain quote"];
        var campaigns = names.Select((name, i) => Sample($"cmp-{i}", name) with { Objective = "=cmd|' /C calc'!A0", Tags = ["-tag", "na"] }).ToList();
        var imported = await CliProcess.RunAsync(prefix, "import", Write("formulas.json", JsonSerializer.SerializeToUtf8Bytes(campaigns, CampaignMcp.Mcp.Tools.McpToolJsonContext.Default.IReadOnlyListCampaign)));
        Assert.True(imported.Exit == 0, imported.Error);

        var settings = RunningHost.DefaultSettings();
        settings["MCP_STORE"] = "table";
        settings["MCP_STORAGE_CONNECTION"] = await AzuriteTables.ConnectionStringAsync();
        settings["MCP_STORAGE_TABLE_PREFIX"] = prefix;
        string csvText;
        await using (var host = await RunningHost.StartAsync(settings))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp")
            {
                Content = Json.Body("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"export_campaigns","arguments":{"format":"csv"}}}"""),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.GetAsync(host));
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            using var response = await host.Client.SendAsync(request);
            var result = (await Json.ReadAsync(response)).GetProperty("result");
            csvText = result.GetProperty("content")[1].GetProperty("resource").GetProperty("text").GetString()!;
        }

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", csvText, StringComparison.Ordinal);
        using var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(names.Length, rows.Count);
        Assert.All(rows, row =>
        {
            // What a spreadsheet sees: no cell starts with a formula character.
            Assert.All(row.Values.Cast<string>().Where(cell => cell.Length > 0 && !char.IsAsciiDigit(cell[0])), cell => Assert.DoesNotContain(cell[0], "=+-@\t\r"));
            Assert.Equal("'=cmd|' /C calc'!A0", row["objective"]);
        });

        var again = await CliProcess.RunAsync(prefix, "import", Write("reexport.csv", Encoding.UTF8.GetBytes(csvText)));
        Assert.True(again.Exit == 0, again.Error);
        var store = new TableCampaignStore(await TestTableStorage.CreateAsync(prefix));
        foreach (var campaign in campaigns)
        {
            var stored = await store.GetAsync(campaign.Id, CancellationToken.None);
            Assert.Equal((campaign.Name, campaign.Objective), (stored!.Name, stored.Objective));
            Assert.Equal(campaign.Tags, stored.Tags);
        }
    }
}
