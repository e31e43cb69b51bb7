using System.Net;
using System.Net.Http.Headers;
using CampaignMcp.SignalR;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CampaignMcp.Functional.Tests.SignalR;

/// <summary>The two SignalR functions called directly over HTTP, as the service and clients would, including hostile calls.</summary>
public sealed class UpstreamAndNegotiateTests : IAsyncLifetime
{
    private const string Upstream = "/api/v1/mcp/signalr/upstream/mcp/messages/jsonrpc";
    private const string Invocation = """{"type":1,"invocationId":"5","target":"jsonrpc","arguments":["{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"]}""";
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private string AccessKey => host.Services.GetRequiredService<SignalRSettings>().Endpoint!.AccessKey!;

    private async Task<HttpResponseMessage> UpstreamAsync(string body, Action<HttpRequestHeaders>? headers = null, string category = "messages", string? signature = "good", string mediaType = "application/json", string? token = null, string? functionKey = "good", string? claims = null)
    {
        var url = functionKey is null ? Upstream : $"{Upstream}?code={Uri.EscapeDataString(functionKey == "good" ? host.FunctionKey : functionKey)}";
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json.Body(body, mediaType) };
        request.Headers.Add("X-ASRS-Connection-Id", "conn-1");
        request.Headers.Add("X-ASRS-Hub", "mcp");
        request.Headers.Add("X-ASRS-Category", category);
        request.Headers.Add("X-ASRS-Event", category == "messages" ? "jsonrpc" : "connected");
        request.Headers.Add("X-ASRS-User-Id", "claude");
        claims ??= $"asrs.s.uid: claude, mcp.token: {host.Services.GetRequiredService<McpTokenBinding>().Seal(token ?? await TestTokens.GetAsync(host))}";
        request.Headers.TryAddWithoutValidation("X-ASRS-User-Claims", claims);
        if (signature is not null)
        {
            request.Headers.Add("X-ASRS-Signature", signature == "good" ? UpstreamSignature.Sign("conn-1", AccessKey) : signature);
        }

        headers?.Invoke(request.Headers);
        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_signed_invocation_gets_a_framed_completion_carrying_the_json_rpc_response()
    {
        using var response = await UpstreamAsync(Invocation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(0x1E, bytes[^1]);
        var completion = HubMessages.ParseCompletion(bytes)!;
        Assert.Equal("5", completion.InvocationId);
        Assert.Contains("list_campaigns", (string)completion.Result!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=00")]
    [InlineData("sha256=0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    public async Task Unsigned_or_wrongly_signed_calls_get_401(string? signature)
    {
        using var response = await UpstreamAsync(Invocation, signature: signature);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(host.Logs.Lines, line => line.Contains("bad_signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_header_gets_400_naming_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Upstream) { Content = Json.Body(Invocation) };
        request.Headers.Add("X-ASRS-Connection-Id", "conn-1");
        request.Headers.Add("x-functions-key", host.FunctionKey);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-ASRS-Hub", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":3,"invocationId":"1","result":"x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":1,"target":"jsonrpc","arguments":["x"]}{"type":1}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":1,"invocationId":"1","target":"jsonrpc","arguments":["x"],"streamIds":[[1]]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":1,"invocationId":"\ud800","target":"jsonrpc","arguments":["x"]}""", HttpStatusCode.BadRequest)]
    public async Task Bad_bodies_get_400_never_500(string body, HttpStatusCode expected)
    {
        using var response = await UpstreamAsync(body);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_hub_method_gets_an_error_completion_the_client_can_read()
    {
        using var response = await UpstreamAsync("""{"type":1,"invocationId":"8","target":"deleteAll","arguments":["x"]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completion = HubMessages.ParseCompletion(await response.Content.ReadAsByteArrayAsync())!;
        Assert.Contains("jsonrpc(message: string)", completion.Error, StringComparison.Ordinal);
    }

    // Found by fuzzing: an empty invocation id got a completion that the client's protocol reader refuses.
    [Theory]
    [InlineData("""{"type":1,"invocationId":"","target":"jsonrpc","arguments":["{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"]}""", HttpStatusCode.OK)]
    [InlineData("""{"type":1,"invocationId":"","target":"deleteAll","arguments":["x"]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":1,"invocationId":"","target":"deleteAll","arguments":[1,""]}""", HttpStatusCode.BadRequest)]
    public async Task An_empty_invocation_id_gets_no_completion(string body, HttpStatusCode expected)
    {
        using var response = await UpstreamAsync(body);
        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain((byte)0x1E, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Messagepack_bodies_get_415_and_oversized_ones_413()
    {
        using var msgpack = await UpstreamAsync(Invocation, mediaType: "application/x-msgpack");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, msgpack.StatusCode);
        using var large = await UpstreamAsync("{\"type\":1,\"target\":\"jsonrpc\",\"arguments\":[\"" + new string('x', UpstreamEndpoint.MaximumBodyBytes) + "\"]}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task A_connection_event_is_acknowledged_and_counted()
    {
        using var response = await UpstreamAsync("""{"type":10}""", category: "connections");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Services.GetRequiredService<SignalRConnectionCounter>().Opened);
    }

    [Fact]
    public async Task Negotiate_answers_the_service_url_and_a_token_no_longer_lived_than_the_mcp_token()
    {
        var mcpToken = await TestTokens.GetAsync(host);
        host.Time.Advance(TimeSpan.FromHours(23.5));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/signalr/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mcpToken);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal($"{host.BaseUrl}/asrs/client/?hub=mcp", body.GetProperty("url").GetString());
        var token = new JsonWebToken(body.GetProperty("accessToken").GetString());
        Assert.Equal("claude", token.GetPayloadValue<string>("asrs.s.uid"));
        // The MCP token is bound sealed: a leaked service token (browsers put it in URLs) does not reveal it.
        var bound = token.GetPayloadValue<string>("mcp.token");
        Assert.DoesNotContain(mcpToken.Split('.')[1], bound, StringComparison.Ordinal);
        Assert.Equal(mcpToken, host.Services.GetRequiredService<McpTokenBinding>().Open(bound));
        Assert.Equal("campaigns:read campaigns:export tools:call", token.GetPayloadValue<string>("mcp.scope"));
        Assert.Equal(30 * 60, token.GetPayloadValue<long>("exp") - token.GetPayloadValue<long>("iat"));
    }

    [Fact]
    public async Task Negotiate_ignores_a_token_in_the_query_string()
    {
        var mcpToken = await TestTokens.GetAsync(host);
        using var response = await host.Client.PostAsync($"/api/v1/mcp/signalr/negotiate?access_token={mcpToken}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Negotiate_refuses_a_foreign_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/signalr/negotiate");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.GetAsync(host));
        request.Headers.Add("Origin", "https://rebind.evil.example");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    // Negotiate only ever binds a sealed token, so a raw JWT (or an altered seal) in the
    // claims header means the call did not come from a service token this app issued.
    [Theory]
    [InlineData("tampered")]
    [InlineData("raw")]
    public async Task A_bound_token_that_is_not_sealed_by_this_app_is_refused_with_401(string kind)
    {
        var value = kind == "raw" ? await TestTokens.GetAsync(host) : "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        using var response = await UpstreamAsync(Invocation, claims: $"asrs.s.uid: claude, mcp.token: {value}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_REQUIRED", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(host.Logs.Lines, line => line.Contains("unsealed_token_claim (user unknown, client claude", StringComparison.Ordinal));
    }

    // The signature covers only the connection id and never expires, so a captured call
    // could be replayed with any body; the function key in the upstream URL is a second secret it must carry.
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task A_correctly_signed_call_without_the_function_key_gets_401(string? functionKey)
    {
        using var response = await UpstreamAsync(Invocation, functionKey: functionKey);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("function key", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.Contains("signalr-upstream: function_key", StringComparison.Ordinal));
        Assert.Equal(0, host.Services.GetRequiredService<SignalRConnectionCounter>().Opened);
    }

    [Fact]
    public async Task The_function_key_is_also_accepted_in_the_x_functions_key_header()
    {
        using var response = await UpstreamAsync(Invocation, headers => headers.Add("x-functions-key", host.FunctionKey), functionKey: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Microsoft's serverless handler tolerates a record separator after the message.
    [Fact]
    public async Task A_body_ending_with_the_record_separator_is_one_invocation()
    {
        using var response = await UpstreamAsync(Invocation + "\u001e");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completion = HubMessages.ParseCompletion(await response.Content.ReadAsByteArrayAsync())!;
        Assert.Contains("list_campaigns", (string)completion.Result!, StringComparison.Ordinal);
        using var two = await UpstreamAsync(Invocation + "\u001e\u001e");
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
    }

    [Fact]
    public async Task Negotiate_refuses_without_a_token_with_a_challenge_and_the_signalr_error_shape()
    {
        using var response = await host.Client.PostAsync("/api/v1/mcp/signalr/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
        Assert.Equal("Authentication required", (await Json.ReadAsync(response)).GetProperty("error").GetString());
    }
}
