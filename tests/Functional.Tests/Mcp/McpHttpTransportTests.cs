using System.Net;
using System.Net.Http.Headers;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.Mcp;

/// <summary>Streamable HTTP rules and RFC 6750/9728 challenges, checked on the wire.</summary>
public sealed class McpHttpTransportTests : IAsyncLifetime
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string body, string? token = null, Action<HttpRequestMessage>? configure = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = Json.Body(body, mediaType) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        configure?.Invoke(request);
        return host.Client.SendAsync(request);
    }

    private static string Challenge(HttpResponseMessage response) => Assert.Single(response.Headers.WwwAuthenticate).ToString();

    [Fact]
    public async Task No_token_gets_401_with_resource_metadata_and_scopes()
    {
        using var response = await PostAsync(Ping);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Challenge(response);
        Assert.Contains($"resource_metadata=\"{host.BaseUrl}/.well-known/oauth-protected-resource/api/v1/mcp\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"campaigns:read campaigns:export tools:call\"", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("error=", challenge, StringComparison.Ordinal);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal(-32001, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_expired_token_gets_401_invalid_token_saying_expired()
    {
        var token = await TestTokens.GetAsync(host);
        host.Time.Advance(TimeSpan.FromDays(2));
        using var response = await PostAsync(Ping, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\", error_description=\"The token has expired\"", Challenge(response), StringComparison.Ordinal);
        Assert.Equal("expired", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_non_bearer_authorization_gets_401_with_the_plain_bearer_challenge()
    {
        using var response = await PostAsync(Ping, configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Challenge(response);
        Assert.StartsWith("Bearer resource_metadata=", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("error=", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_keys_without_a_token_are_a_parse_error_not_a_500()
    {
        using var response = await PostAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":1,\"x\":2}}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32700, (await Json.ReadAsync(response)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":1,"A":2}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_campaign","arguments":{"id":"CMP-0001","ID":"CMP-0002"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{"auth":{"token":"x"},"AUTH":{"token":"y"}}}""")]
    public async Task Params_names_that_differ_only_in_case_are_invalid_params_not_a_500(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("differ only in case", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Insufficient_scope_gets_403_naming_the_scopes_for_step_up()
    {
        var token = await TestTokens.GetAsync(host, "campaigns:read", "tools:call");
        using var response = await PostAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"export_campaigns","arguments":{}}}""", token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Challenge(response);
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"campaigns:read campaigns:export tools:call\"", challenge, StringComparison.Ordinal);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal(-32004, error.GetProperty("code").GetInt32());
        Assert.Equal(3, (await Json.ReadAsync(response)).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_notification_gets_202_with_no_body()
    {
        using var response = await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", await TestTokens.GetAsync(host));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_request_gets_200_application_json()
    {
        using var response = await PostAsync(Ping, await TestTokens.GetAsync(host), r => r.Headers.Add("MCP-Protocol-Version", "2025-11-25"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", (await Json.ReadAsync(response)).GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Progress_notifications_precede_the_response_on_an_event_stream_when_the_client_accepts_one()
    {
        const string export = """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"export_campaigns","arguments":{"max_rows":1},"_meta":{"progressToken":"p"}}}""";
        var token = await TestTokens.GetAsync(host);
        using var streamed = await PostAsync(export, token, r => r.Headers.Accept.ParseAdd("application/json, text/event-stream"));
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType?.MediaType);
        var events = (await streamed.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal))
            .Select(l => System.Text.Json.JsonDocument.Parse(l[6..]).RootElement).ToArray();
        Assert.True(events.Length >= 2);
        Assert.All(events[..^1], e => Assert.Equal("notifications/progress", e.GetProperty("method").GetString()));
        Assert.Equal(9, events[^1].GetProperty("id").GetInt32());

        using var plain = await PostAsync(export, token, r => r.Headers.Accept.ParseAdd("application/json"));
        Assert.Equal("application/json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(9, (await Json.ReadAsync(plain)).GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("latest")]
    public async Task An_unsupported_protocol_version_header_gets_400(string version)
    {
        using var response = await PostAsync(Ping, await TestTokens.GetAsync(host), r => r.Headers.Add("MCP-Protocol-Version", version));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2025-11-25", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://claude.ai", HttpStatusCode.OK)]
    public async Task A_present_origin_must_be_allowed(string origin, HttpStatusCode expected)
    {
        using var response = await PostAsync(Ping, await TestTokens.GetAsync(host), r => r.Headers.Add("Origin", origin));
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task Get_and_delete_get_405_since_there_are_no_streams_or_sessions(string method)
    {
        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/mcp"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST", "OPTIONS"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Wrong_content_type_gets_415_and_oversized_bodies_413()
    {
        var token = await TestTokens.GetAsync(host);
        using var text = await PostAsync(Ping, token, mediaType: "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        using var large = await PostAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + new string('x', 1_100_000) + "\"}}", token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_gets_a_parse_error_not_a_500()
    {
        using var response = await PostAsync("{\"jsonrpc\":", await TestTokens.GetAsync(host));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32700, (await Json.ReadAsync(response)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource")]
    [InlineData("/.well-known/oauth-protected-resource/api/v1/mcp")]
    public async Task Protected_resource_metadata_describes_the_mcp_endpoint(string path)
    {
        using var response = await host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metadata = await Json.ReadAsync(response);
        Assert.Equal(host.BaseUrl + "/api/v1/mcp", metadata.GetProperty("resource").GetString());
        Assert.Equal([host.BaseUrl], metadata.GetProperty("authorization_servers").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["campaigns:read", "campaigns:export", "tools:call"], metadata.GetProperty("scopes_supported").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["header"], metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Production_with_a_missing_secret_refuses_mcp_with_503()
    {
        await using var misconfigured = await RunningHost.StartAsync(new Dictionary<string, string?> { ["NODE_ENV"] = "production", ["API_KEY"] = RunningHost.ApiKey });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = Json.Body(Ping) };
        using var response = await misconfigured.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("MCP_JWT_SECRET", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
