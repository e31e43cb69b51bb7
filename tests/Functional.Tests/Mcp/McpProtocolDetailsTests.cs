using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Storage;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests.Mcp;

/// <summary>
/// Protocol details the official conformance suite and real clients found, and the expected errors that
/// must not become error-level stack traces, on the wire of the local host.
/// </summary>
public sealed class McpProtocolDetailsTests : IAsyncLifetime
{
    private RunningHost host = null!;
    private string token = null!;

    public async Task InitializeAsync()
    {
        host = await RunningHost.StartAsync();
        token = await TestTokens.GetAsync(host);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(string body, string? version = "2025-11-25", string? origin = null, byte[]? raw = null)
    {
        var content = raw is null ? Json.Body(body) : new ByteArrayContent(raw) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (version is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", version);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await host.Client.SendAsync(request);
    }

    private async Task<JsonElement> ErrorAsync(string body, HttpStatusCode expected = HttpStatusCode.OK, string? version = "2025-11-25")
    {
        using var response = await PostAsync(body, version);
        Assert.Equal(expected, response.StatusCode);
        var reply = await Json.ReadAsync(response);
        Assert.True(reply.TryGetProperty("error", out var error), reply.GetRawText());
        return error;
    }

    private void AssertNoErrorLevelLogsOrStackTraces() =>
        Assert.DoesNotContain(host.Logs.Lines, line =>
            line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal) || line.Contains("   at ", StringComparison.Ordinal));

    [Fact]
    public async Task A_batch_without_the_version_header_is_read_as_2025_03_26_and_answered()
    {
        using var response = await PostAsync("""[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]""", version: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await Json.ReadAsync(response);
        Assert.Equal([1, 2], replies.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-03-26")]
    public async Task A_batch_holding_initialize_is_an_invalid_request(string? version)
    {
        var error = await ErrorAsync(
            """[{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"t","version":"1"}}},{"jsonrpc":"2.0","id":2,"method":"ping"}]""",
            HttpStatusCode.BadRequest,
            version);
        Assert.Equal(-32600, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_batch_under_a_version_without_batches_is_still_refused() =>
        Assert.Equal(-32600, (await ErrorAsync("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", HttpStatusCode.BadRequest)).GetProperty("code").GetInt32());

    [Theory]
    [InlineData("resources/subscribe")]
    [InlineData("resources/unsubscribe")]
    public async Task Resource_subscriptions_are_not_offered_so_the_methods_are_not_found(string method) =>
        Assert.Equal(-32601, (await ErrorAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"{{{method}}}","params":{"uri":"campaign://cmp-0001"}}""")).GetProperty("code").GetInt32());

    [Theory]
    [InlineData("{\"jsonrpc\":", -32700)]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", -32600)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"ping"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":7}""", -32600)]
    [InlineData("42", -32600)]
    public async Task Unparseable_or_invalid_messages_get_400_without_dotnet_type_names(string body, int code)
    {
        var error = await ErrorAsync(body, HttpStatusCode.BadRequest);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        var message = error.GetProperty("message").GetString()!;
        Assert.DoesNotContain("ModelContextProtocol", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_before_the_json_is_tolerated()
    {
        using var response = await PostAsync("", raw: [0xEF, 0xBB, 0xBF, .. """{"jsonrpc":"2.0","id":1,"method":"ping"}"""u8]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", (await Json.ReadAsync(response)).GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Tools_list_refuses_a_cursor_it_never_issued_like_resources_list()
    {
        Assert.Equal(-32602, (await ErrorAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":"bogus"}}""")).GetProperty("code").GetInt32());
        Assert.Equal(-32602, (await ErrorAsync("""{"jsonrpc":"2.0","id":1,"method":"resources/list","params":{"cursor":"bogus"}}""")).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Completion_for_an_unknown_prompt_is_an_error() =>
        Assert.Equal(-32602, (await ErrorAsync("""{"jsonrpc":"2.0","id":1,"method":"completion/complete","params":{"ref":{"type":"ref/prompt","name":"no_such_prompt"},"argument":{"name":"x","value":"y"}}}""")).GetProperty("code").GetInt32());

    [Fact]
    public async Task Reading_a_campaign_answers_with_the_uri_as_asked()
    {
        using var response = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"campaign://CMP-0001"}}""");
        var contents = (await Json.ReadAsync(response)).GetProperty("result").GetProperty("contents")[0];
        Assert.Equal("campaign://CMP-0001", contents.GetProperty("uri").GetString());
        Assert.Equal("cmp-0001", JsonDocument.Parse(contents.GetProperty("text").GetString()!).RootElement.GetProperty("campaign").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Csv_and_json_exports_write_the_same_timestamps()
    {
        async Task<string> ExportAsync(string format)
        {
            using var response = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"export_campaigns","arguments":{"format":""" + "\"" + format + "\",\"max_rows\":5}}}");
            return (await Json.ReadAsync(response)).GetProperty("result").GetProperty("content")[1].GetProperty("resource").GetProperty("text").GetString()!;
        }

        var json = JsonDocument.Parse(await ExportAsync("json")).RootElement.EnumerateArray().Select(c => c.GetProperty("updated_at").GetString()!).ToArray();
        var csv = (await ExportAsync("csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[^1]).ToArray();
        Assert.Equal(5, json.Length);
        Assert.Equal(json, csv);
    }

    [Fact]
    public async Task The_servers_own_loopback_origin_is_allowed_and_foreign_origins_are_not()
    {
        using var own = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", origin: host.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var localhost = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", origin: "http://localhost:" + new Uri(host.BaseUrl).Port);
        Assert.Equal(HttpStatusCode.OK, localhost.StatusCode);
        foreach (var foreign in new[] { "https://evil.example", "http://127.0.0.1.evil.example", "null" })
        {
            using var refused = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", origin: foreign);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Theory]
    [InlineData("""[1,2]""", "params must be an object")]
    [InlineData("""{"name":5}""", "params.name must be a string")]
    [InlineData("""{"name":"list_campaigns","arguments":[1]}""", "params.arguments must be an object")]
    [InlineData("""{"name":"list_campaigns","_meta":{"progressToken":{}}}""", "progressToken")]
    public async Task Malformed_tools_call_params_are_invalid_params_not_internal_errors(string parameters, string says)
    {
        var error = await ErrorAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{{{parameters}}}}""");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(says, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertNoErrorLevelLogsOrStackTraces();
    }

    [Fact]
    public async Task Expected_protocol_errors_are_not_logged_as_errors_with_stack_traces()
    {
        Assert.Equal(-32602, (await ErrorAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool"}}""")).GetProperty("code").GetInt32());
        Assert.Equal(-32002, (await ErrorAsync("""{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"campaign://cmp-9999"}}""")).GetProperty("code").GetInt32());
        Assert.Equal(-32602, (await ErrorAsync("""{"jsonrpc":"2.0","id":3,"method":"prompts/get","params":{"name":"no_such_prompt"}}""")).GetProperty("code").GetInt32());
        AssertNoErrorLevelLogsOrStackTraces();
    }

    [Fact]
    public async Task Storage_outages_answer_32010_and_log_one_warning_without_a_stack_trace()
    {
        await using var failing = await RunningHost.StartAsync(configureServices: services => services.AddSingleton<ICampaignStore, UnavailableStore>());
        var failingToken = await TestTokens.GetAsync(failing);
        using var call = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = Json.Body("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_campaigns","arguments":{}}}""") };
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", failingToken);
        using var callResponse = await failing.Client.SendAsync(call);
        var error = (await Json.ReadAsync(callResponse)).GetProperty("error");
        Assert.Equal(-32010, error.GetProperty("code").GetInt32());
        Assert.Equal(5, error.GetProperty("data").GetProperty("retry_after_seconds").GetInt32());

        using var read = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = Json.Body("""{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"campaign://cmp-0001"}}""") };
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", failingToken);
        using var readResponse = await failing.Client.SendAsync(read);
        Assert.Equal(-32010, (await Json.ReadAsync(readResponse)).GetProperty("error").GetProperty("code").GetInt32());
        Assert.DoesNotContain(failing.Logs.Lines, line =>
            line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal) || line.Contains("   at ", StringComparison.Ordinal));
        Assert.Contains(failing.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("could not reach storage", StringComparison.Ordinal));
    }

    private sealed class UnavailableStore : ICampaignStore
    {
        public Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken) => throw new StorageUnavailableException("test store is down");

        public Task<CampaignPage> QueryAsync(CampaignFilter filter, CampaignSort sort, string? cursor, int pageSize, CancellationToken cancellationToken) =>
            throw new StorageUnavailableException("test store is down");

        public IAsyncEnumerable<Campaign> ScanAsync(CampaignFilter filter, CancellationToken cancellationToken) => throw new StorageUnavailableException("test store is down");
    }
}
