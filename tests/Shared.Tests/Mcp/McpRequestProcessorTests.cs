using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignMcp.Mcp;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;

namespace CampaignMcp.Tests.Mcp;

public sealed class McpRequestProcessorTests : IDisposable
{
    private readonly McpTestServices services = new();

    public void Dispose() => services.Dispose();

    private async Task<JsonElement?> SendAsync(string json, string? token = null, string? version = null)
    {
        var result = await services.Processor.ProcessAsync(Encoding.UTF8.GetBytes(json), new McpInvocation("test", token, version, "127.0.0.1"), CancellationToken.None);
        return result.Response is null ? null : JsonDocument.Parse(result.Response).RootElement.Clone();
    }

    private Task<JsonElement?> CallAsync(string method, string? parameters = null, string? token = null) =>
        SendAsync("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\"" + (parameters is null ? "" : ",\"params\":" + parameters) + "}", token ?? services.Token());

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    public async Task Initialize_negotiates_the_requested_version(string version)
    {
        var reply = (await CallAsync("initialize", "{\"protocolVersion\":\"" + version + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}"))!.Value;
        var result = reply.GetProperty("result");
        Assert.Equal(version, result.GetProperty("protocolVersion").GetString());
        Assert.Equal("campaign-mcp", result.GetProperty("serverInfo").GetProperty("name").GetString());
        foreach (var capability in new[] { "tools", "resources", "prompts", "completions", "logging" })
        {
            Assert.True(result.GetProperty("capabilities").TryGetProperty(capability, out _), capability);
        }
    }

    [Fact]
    public async Task Initialize_with_an_unknown_older_version_gets_the_latest_handshake_version()
    {
        var reply = (await CallAsync("initialize", """{"protocolVersion":"2025-01-01","capabilities":{},"clientInfo":{"name":"t","version":"1"}}"""))!.Value;
        Assert.Equal("2025-11-25", reply.GetProperty("result").GetProperty("protocolVersion").GetString());
    }

    [Theory]
    [InlineData("ping", null, "{}")]
    [InlineData("logging/setLevel", """{"level":"warning"}""", "{}")]
    public async Task Simple_methods_answer_an_empty_result(string method, string? parameters, string expected)
    {
        var reply = (await CallAsync(method, parameters))!.Value;
        Assert.Equal(expected, reply.GetProperty("result").GetRawText());
        Assert.Equal(7, reply.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Every_list_method_answers()
    {
        Assert.Equal(4, (await CallAsync("tools/list"))!.Value.GetProperty("result").GetProperty("tools").GetArrayLength());
        Assert.Equal(2, (await CallAsync("prompts/list"))!.Value.GetProperty("result").GetProperty("prompts").GetArrayLength());
        Assert.Equal("campaign://{id}", (await CallAsync("resources/templates/list"))!.Value.GetProperty("result").GetProperty("resourceTemplates")[0].GetProperty("uriTemplate").GetString());
        var resources = (await CallAsync("resources/list"))!.Value.GetProperty("result");
        Assert.Equal(100, resources.GetProperty("resources").GetArrayLength());
        var cursor = resources.GetProperty("nextCursor").GetString();
        var next = (await CallAsync("resources/list", $$"""{"cursor":"{{cursor}}"}"""))!.Value.GetProperty("result");
        Assert.NotEqual(resources.GetProperty("resources")[0].GetProperty("uri").GetString(), next.GetProperty("resources")[0].GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Prompts_and_completion_answer()
    {
        var prompt = (await CallAsync("prompts/get", """{"name":"diagnose_campaign","arguments":{"campaign_id":"cmp-0042"}}"""))!.Value.GetProperty("result");
        Assert.Contains("cmp-0042", prompt.GetProperty("messages")[0].GetProperty("content").GetProperty("text").GetString(), StringComparison.Ordinal);
        var completion = (await CallAsync("completion/complete", """{"ref":{"type":"ref/resource","uri":"campaign://{id}"},"argument":{"name":"id","value":"cmp-004"}}"""))!.Value;
        var values = completion.GetProperty("result").GetProperty("completion").GetProperty("values").EnumerateArray().Select(v => v.GetString()).ToArray();
        Assert.Equal(10, values.Length);
        Assert.All(values, v => Assert.StartsWith("cmp-004", v, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{not json", -32700)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"ping"}""", -32600)]
    [InlineData("""42""", -32600)]
    [InlineData("""[]""", -32600)]
    public async Task Malformed_messages_get_parse_error_or_invalid_request(string json, int code)
    {
        var reply = (await SendAsync(json, services.Token()))!.Value;
        Assert.Equal(code, reply.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Unknown_methods_get_method_not_found() =>
        Assert.Equal(-32601, (await CallAsync("campaigns/delete"))!.Value.GetProperty("error").GetProperty("code").GetInt32());

    [Theory]
    [InlineData("prompts/get", """{"name":"nope"}""")]
    [InlineData("prompts/get", """{"name":"diagnose_campaign"}""")]
    [InlineData("tools/call", """{"name":"drop_tables","arguments":{}}""")]
    [InlineData("resources/list", """{"cursor":"garbage"}""")]
    public async Task Bad_params_get_invalid_params(string method, string parameters) =>
        Assert.Equal(-32602, (await CallAsync(method, parameters))!.Value.GetProperty("error").GetProperty("code").GetInt32());

    [Fact]
    public async Task An_unknown_resource_gets_resource_not_found() =>
        Assert.Equal(-32002, (await CallAsync("resources/read", """{"uri":"campaign://cmp-9999"}"""))!.Value.GetProperty("error").GetProperty("code").GetInt32());

    [Fact]
    public async Task Notifications_and_client_responses_get_no_reply()
    {
        Assert.Null(await SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", services.Token()));
        Assert.Null(await SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}""", services.Token()));
        Assert.Null(await SendAsync("""{"jsonrpc":"2.0","id":1,"result":{}}""", services.Token()));
    }

    [Fact]
    public async Task Batches_are_answered_only_where_the_protocol_version_has_them()
    {
        const string batch = """[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]""";
        var old = (await SendAsync(batch, services.Token(), "2025-03-26"))!.Value;
        Assert.Equal(JsonValueKind.Array, old.ValueKind);
        Assert.Equal([1, 2], old.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));

        var current = (await SendAsync(batch, services.Token(), "2025-11-25"))!.Value;
        Assert.Equal(-32600, current.GetProperty("error").GetProperty("code").GetInt32());

        // Without a version header (and always on SignalR, which carries none) a batch is refused, not assumed.
        var unversioned = (await SendAsync(batch, services.Token()))!.Value;
        Assert.Equal(-32600, unversioned.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_batch_larger_than_the_cap_is_refused_whole()
    {
        var batch = "[" + string.Join(",", Enumerable.Range(1, 11).Select(i => "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\"}")) + "]";
        var reply = (await SendAsync(batch, services.Token(), "2025-03-26"))!.Value;
        Assert.Equal(-32600, reply.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("1 to 10", reply.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_parse_error()
    {
        byte[] body = [.. "{\"jsonrpc\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var result = await services.Processor.ProcessAsync(body, new McpInvocation("test", null, null, "x"), CancellationToken.None);
        Assert.Equal(-32700, JsonDocument.Parse(result.Response!).RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    // Found by fuzzing: System.Text.Json reads these with InvalidOperationException, which escaped the processor.
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":"\ud800","method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","\udc00":1}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_campaign","arguments":{"id":"a\ud83d"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{"auth":{"\ud800":"x"}}}""")]
    public async Task Escaped_unpaired_surrogates_are_a_parse_error(string json)
    {
        var reply = (await SendAsync(json, services.Token()))!.Value;
        Assert.Equal(-32700, reply.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_escaped_surrogate_pair_is_ordinary_text()
    {
        var reply = (await CallAsync("tools/call", """{"name":"get_campaign","arguments":{"id":"\ud83d\ude00"}}"""))!.Value;
        Assert.True(reply.GetProperty("result").GetProperty("isError").GetBoolean());
    }

    // Found by fuzzing: the SDK's transport deserializes initialize's params outside its error handling.
    [Theory]
    [InlineData("""{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{}}""")]
    [InlineData("""{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":1,"version":"1"}}""")]
    [InlineData("""{"protocolVersion":"2025-06-18","capabilities":{}}""")]
    [InlineData("""{"protocolVersion":{},"capabilities":{},"clientInfo":{"name":"t","version":"1"}}""")]
    public async Task A_malformed_initialize_gets_invalid_params_for_its_id(string parameters)
    {
        var reply = (await CallAsync("initialize", parameters))!.Value;
        Assert.Equal(7, reply.GetProperty("id").GetInt32());
        Assert.Equal(-32602, reply.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Duplicate_property_names_are_a_parse_error_before_any_token_is_read()
    {
        var reply = (await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_campaign\",\"name\":\"export_campaigns\"}}", services.Token()))!.Value;
        Assert.Equal(-32700, reply.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task The_original_params_auth_token_works_and_is_removed_before_dispatch()
    {
        var token = services.Token();
        var reply = (await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_campaign\",\"arguments\":{\"id\":\"cmp-0001\"},\"auth\":{\"token\":\"" + token + "\"}}}"))!.Value;
        Assert.False(reply.GetProperty("result").TryGetProperty("isError", out _));

        var parameters = JsonNode.Parse($$$"""{"name":"x","auth":{"token":"{{{token}}}"}}""");
        Assert.Equal(new BodyToken(token, Malformed: false), BodyToken.TakeFrom(parameters));
        Assert.Equal("""{"name":"x"}""", parameters!.ToJsonString());
    }

    [Theory]
    [InlineData(null, -32001)]
    [InlineData("not-a-token", -32003)]
    public async Task Missing_and_invalid_tokens_are_refused_with_documented_codes(string? token, int code)
    {
        var result = await services.Processor.ProcessAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"ping"}"""), new McpInvocation("test", token, null, "x"), CancellationToken.None);
        var error = JsonDocument.Parse(result.Response!).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.NotNull(result.AuthFailure);
    }

    [Fact]
    public async Task A_token_that_expires_mid_session_is_refused_from_that_moment()
    {
        var token = services.Token();
        Assert.True((await CallAsync("ping", token: token))!.Value.TryGetProperty("result", out _));
        services.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(31));
        var error = (await CallAsync("ping", token: token))!.Value.GetProperty("error");
        Assert.Equal(-32003, error.GetProperty("code").GetInt32());
        Assert.Equal("expired", error.GetProperty("data").GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("tools/call", """{"name":"list_campaigns"}""", new[] { Scopes.CampaignsRead }, "tools:call")]
    [InlineData("tools/call", """{"name":"export_campaigns"}""", new[] { Scopes.CampaignsRead, Scopes.ToolsCall }, "campaigns:export")]
    [InlineData("tools/call", """{"name":"get_campaign","arguments":{"id":"cmp-0001"}}""", new[] { Scopes.ToolsCall }, "campaigns:read")]
    [InlineData("resources/read", """{"uri":"campaign://cmp-0001"}""", new[] { Scopes.ToolsCall }, "campaigns:read")]
    [InlineData("resources/list", null, new[] { Scopes.ToolsCall }, "campaigns:read")]
    public async Task Missing_scopes_are_named_in_the_error(string method, string? parameters, string[] granted, string missing)
    {
        var error = (await CallAsync(method, parameters, services.Token(granted)))!.Value.GetProperty("error");
        Assert.Equal(-32004, error.GetProperty("code").GetInt32());
        Assert.Contains(missing, error.GetProperty("data").GetProperty("required").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(granted.OrderBy(s => s), error.GetProperty("data").GetProperty("granted").EnumerateArray().Select(s => s.GetString()!).OrderBy(s => s));
    }

    [Fact]
    public async Task Tools_list_shows_only_the_tools_the_token_may_call()
    {
        static IEnumerable<string?> Names(JsonElement reply) => reply.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString());

        Assert.Empty(Names((await CallAsync("tools/list", token: services.Token(Scopes.CampaignsRead)))!.Value));
        Assert.Equal(["list_campaigns", "get_campaign", "campaign_performance"], Names((await CallAsync("tools/list", token: services.Token(Scopes.CampaignsRead, Scopes.ToolsCall)))!.Value));
        Assert.Contains("export_campaigns", Names((await CallAsync("tools/list", token: services.Token()))!.Value));
    }

    [Fact]
    public async Task With_auth_off_everything_is_granted_but_a_presented_token_is_still_validated()
    {
        using var open = new McpTestServices(authEnabled: false);
        var anonymous = await open.Processor.ProcessAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""), new McpInvocation("test", null, null, "x"), CancellationToken.None);
        Assert.Equal(4, JsonDocument.Parse(anonymous.Response!).RootElement.GetProperty("result").GetProperty("tools").GetArrayLength());

        var forged = await open.Processor.ProcessAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""), new McpInvocation("test", "forged.token.value", null, "x"), CancellationToken.None);
        Assert.Equal(-32003, JsonDocument.Parse(forged.Response!).RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }
}
