using System.Globalization;
using System.Net;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.TestSupport;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Functional.Tests.Mcp;

/// <summary>The official C# MCP SDK client against the local host over loopback Streamable HTTP.</summary>
public sealed class McpSdkClientTests : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<McpClient> ConnectAsync(string? token, string? protocolVersion = null) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(host.BaseUrl + "/api/v1/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            }),
            new McpClientOptions { ProtocolVersion = protocolVersion });

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.NotEqual(true, result.IsError);
        return result.StructuredContent!.Value;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    public async Task A_client_lists_the_tools_and_calls_every_one(string? protocolVersion)
    {
        await using var client = await ConnectAsync(await TestTokens.GetAsync(host), protocolVersion);
        Assert.Equal("campaign-mcp", client.ServerInfo?.Name);
        if (protocolVersion is not null)
        {
            Assert.Equal(protocolVersion, client.NegotiatedProtocolVersion);
        }

        var tools = await client.ListToolsAsync();
        Assert.Equal(["campaign_performance", "export_campaigns", "get_campaign", "list_campaigns"], tools.Select(t => t.Name).Order());

        var page = Structured(await client.CallToolAsync("list_campaigns", new Dictionary<string, object?> { ["channel"] = "search", ["status"] = new[] { "active", "paused" }, ["limit"] = 5, ["sort"] = "spend_desc" }));
        var campaigns = page.GetProperty("campaigns").EnumerateArray().ToArray();
        Assert.Equal(5, campaigns.Length);
        Assert.All(campaigns, c => Assert.Equal("search", c.GetProperty("channel").GetString()));
        Assert.True(page.GetProperty("total_matched").GetInt32() > 5);
        var second = Structured(await client.CallToolAsync("list_campaigns", new Dictionary<string, object?> { ["channel"] = "search", ["status"] = new[] { "active", "paused" }, ["limit"] = 5, ["sort"] = "spend_desc", ["cursor"] = page.GetProperty("next_cursor").GetString() }));
        Assert.DoesNotContain(second.GetProperty("campaigns")[0].GetProperty("id").GetString(), campaigns.Select(c => c.GetProperty("id").GetString()));

        var id = campaigns[0].GetProperty("id").GetString();
        var detail = Structured(await client.CallToolAsync("get_campaign", new Dictionary<string, object?> { ["id"] = id }));
        Assert.Equal(id, detail.GetProperty("campaign").GetProperty("id").GetString());
        Assert.True(detail.GetProperty("metrics").GetProperty("roas").GetDecimal() > 0);

        var performance = Structured(await client.CallToolAsync("campaign_performance", new Dictionary<string, object?> { ["group_by"] = "channel" }));
        Assert.Equal(5, performance.GetProperty("groups").GetArrayLength());
        Assert.Equal(SampleCampaigns.DefaultCount, performance.GetProperty("totals").GetProperty("campaigns").GetInt32());

        var export = await client.CallToolAsync("export_campaigns", new Dictionary<string, object?> { ["channel"] = "email", ["format"] = "json" });
        var resource = Assert.IsType<TextResourceContents>(export.Content.OfType<EmbeddedResourceBlock>().Single().Resource);
        Assert.Equal("application/json", resource.MimeType);
        Assert.All(JsonDocument.Parse(resource.Text).RootElement.EnumerateArray(), c => Assert.Equal("email", c.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task A_csv_export_parses_back_to_exactly_the_source_rows()
    {
        await using var client = await ConnectAsync(await TestTokens.GetAsync(host));
        var export = await client.CallToolAsync("export_campaigns", new Dictionary<string, object?> { ["status"] = "completed", ["max_rows"] = 5000 });
        var csvText = Assert.IsType<TextResourceContents>(export.Content.OfType<EmbeddedResourceBlock>().Single().Resource).Text;

        var store = host.Services.GetRequiredService<ICampaignStore>();
        var expected = await store.ScanAsync(new CampaignFilter { Statuses = new HashSet<CampaignStatus> { CampaignStatus.Completed } }, CancellationToken.None).ToListAsync();
        using var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        Assert.Equal(expected.Count, rows.Count);
        foreach (var (row, campaign) in rows.Zip(expected))
        {
            Assert.Equal(campaign.Id, row["id"]);
            Assert.Equal(campaign.Name, row["name"]);
            Assert.Equal("completed", row["status"]);
            Assert.Equal(campaign.Spend, decimal.Parse((string)row["spend"], CultureInfo.InvariantCulture));
            Assert.Equal(campaign.Revenue, decimal.Parse((string)row["revenue"], CultureInfo.InvariantCulture));
            Assert.Equal(campaign.Impressions, long.Parse((string)row["impressions"], CultureInfo.InvariantCulture));
            Assert.Equal(campaign.StartDate, DateOnly.Parse((string)row["start_date"], CultureInfo.InvariantCulture));
            Assert.Equal(campaign.Tags, ((string)row["tags"]).Split(';'));
            Assert.Equal(campaign.UpdatedAt, DateTimeOffset.Parse((string)row["updated_at"], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Export_beyond_the_row_cap_says_it_was_truncated()
    {
        await using var client = await ConnectAsync(await TestTokens.GetAsync(host));
        var export = await client.CallToolAsync("export_campaigns", new Dictionary<string, object?> { ["max_rows"] = 10 });
        var note = export.Content.OfType<TextContentBlock>().Single().Text;
        Assert.StartsWith($"Truncated: {SampleCampaigns.DefaultCount} campaigns matched but only the first 10", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get_campaign", """{"id":"cmp-9999"}""", "No campaign has id 'cmp-9999'")]
    [InlineData("get_campaign", "{}", "'id' is required")]
    [InlineData("list_campaigns", """{"channel":"radio"}""", "'channel' has 'radio'")]
    [InlineData("list_campaigns", """{"start_date":"31/12/2026"}""", "YYYY-MM-DD")]
    [InlineData("list_campaigns", """{"limit":1000}""", "'limit' must be from 1 to 100")]
    [InlineData("list_campaigns", """{"cursor":"bm9wZQ"}""", "'cursor' is not valid")]
    [InlineData("list_campaigns", """{"start_date":"2026-05-01","end_date":"2026-01-01"}""", "is after 'end_date'")]
    [InlineData("campaign_performance", """{"group_by":"week"}""", "'group_by' has 'week'")]
    [InlineData("export_campaigns", """{"format":"xlsx"}""", "'format' has 'xlsx'")]
    [InlineData("export_campaigns", """{"colour":"red"}""", "Unknown argument 'colour'")]
    public async Task Bad_input_is_a_tool_error_the_model_can_act_on(string tool, string arguments, string message)
    {
        await using var client = await ConnectAsync(await TestTokens.GetAsync(host));
        var args = JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments);
        var result = await client.CallToolAsync(tool, args);
        Assert.True(result.IsError);
        Assert.Contains(message, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_client_cannot_connect()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_mid_session()
    {
        await using var client = await ConnectAsync(await TestTokens.GetAsync(host));
        Assert.NotEmpty(await client.ListToolsAsync());
        host.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.CallToolAsync("list_campaigns").AsTask());
        AssertRefused(error, HttpStatusCode.Unauthorized, McpErrorCodes401);
    }

    [Fact]
    public async Task A_token_without_tools_call_sees_no_tools_and_cannot_call_one()
    {
        await using var client = await ConnectAsync(await TestTokens.GetAsync(host, "campaigns:read"));
        Assert.Empty(await client.ListToolsAsync());
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.CallToolAsync("list_campaigns").AsTask());
        AssertRefused(error, HttpStatusCode.Forbidden, McpErrorCodes403);
        var resource = await client.ReadResourceAsync("campaign://cmp-0001");
        Assert.Contains("cmp-0001", Assert.IsType<TextResourceContents>(resource.Contents.Single()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_campaigns_export_cannot_export()
    {
        await using var client = await ConnectAsync(await TestTokens.GetAsync(host, "campaigns:read", "tools:call"));
        Assert.DoesNotContain("export_campaigns", (await client.ListToolsAsync()).Select(t => t.Name));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.CallToolAsync("export_campaigns").AsTask());
        AssertRefused(error, HttpStatusCode.Forbidden, McpErrorCodes403);
        Assert.Equal("cmp-0001", Structured(await client.CallToolAsync("get_campaign", new Dictionary<string, object?> { ["id"] = "cmp-0001" })).GetProperty("campaign").GetProperty("id").GetString());
    }

    private const int McpErrorCodes401 = -32003;
    private const int McpErrorCodes403 = -32004;

    /// <summary>The SDK client surfaces an HTTP refusal as HttpRequestException, a JSON-RPC one as McpProtocolException.</summary>
    private static void AssertRefused(Exception error, HttpStatusCode status, int jsonRpcCode)
    {
        switch (error)
        {
            case HttpRequestException http:
                Assert.Equal(status, http.StatusCode);
                break;
            case McpProtocolException protocol:
                Assert.Equal(jsonRpcCode, (int)protocol.ErrorCode);
                break;
            default:
                Assert.Fail($"Unexpected {error.GetType().Name}: {error.Message}");
                break;
        }
    }
}
