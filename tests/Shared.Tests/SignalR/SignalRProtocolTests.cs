using System.Net;
using System.Text;
using System.Text.Json;
using CampaignMcp.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tests.SignalR;

public class SignalRProtocolTests
{
    private const string AccessKey = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg=";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static SignalRAccessTokens Tokens(SignalRSettings settings, TimeProvider time) =>
        new(new SignalRSigningKeys(settings, new AzureIdentityCredentialFactory(), new SingleClientFactory(new HttpClient()), time, NullLogger<SignalRSigningKeys>.Instance), time);

    private static SignalRSettings Settings(string connectionString = $"Endpoint=https://contoso.service.signalr.net;AccessKey={AccessKey};Version=1.0;") =>
        SignalRSettings.Resolve(new SignalRSettingsSource { ConnectionString = connectionString });

    [Fact]
    public void A_connection_string_gives_the_client_url_audience_and_rest_url()
    {
        var endpoint = Settings($"endpoint=https://contoso.service.signalr.net/;accesskey={AccessKey};Version=1.0;Port=8443").Endpoint!;
        Assert.Equal("https://contoso.service.signalr.net:8443/client/?hub=mcp", endpoint.ClientUrl("MCP"));
        Assert.Equal("https://contoso.service.signalr.net/client/?hub=mcp", endpoint.ClientAudience("MCP"));
        Assert.Equal("https://contoso.service.signalr.net:8443/api/hubs/mcp/connections/c1/:send?api-version=2022-06-01", endpoint.RestUrl("mcp", "/connections/c1/:send"));
        Assert.Equal("https://contoso.service.signalr.net/api/hubs/mcp/connections/c1/:send?api-version=2022-06-01", endpoint.RestAudience("mcp", "/connections/c1/:send"));
        Assert.Equal("https://contoso.service.signalr.net:8443", endpoint.DisplayName);
    }

    [Fact]
    public void A_client_endpoint_changes_only_where_clients_connect()
    {
        var endpoint = Settings($"Endpoint=https://contoso.service.signalr.net;AccessKey={AccessKey};ClientEndpoint=https://signalr.contoso.com").Endpoint!;
        Assert.Equal("https://signalr.contoso.com/client/?hub=mcp", endpoint.ClientUrl("mcp"));
        Assert.Equal("https://contoso.service.signalr.net/client/?hub=mcp", endpoint.ClientAudience("mcp"));
    }

    [Theory]
    [InlineData("AccessKey=abc;Version=1.0", "needs Endpoint")]
    [InlineData("Endpoint=contoso;AccessKey=abc", "needs Endpoint")]
    [InlineData("Endpoint=https://x.service.signalr.net;Version=1.0", "needs AccessKey")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=abc;Port=99999", "Port")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=abc;Version=2.0", "Version=2.0")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=abc;AuthType=aad", "AuthType")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=abc;accesskey=def", "twice")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey", "without '='")]
    public void A_malformed_connection_string_is_a_startup_error_naming_the_setting(string connectionString, string problem)
    {
        var result = new SignalRSettingsValidator().Validate(null, new SignalRSettingsSource { ConnectionString = connectionString });
        Assert.True(result.Failed);
        Assert.StartsWith("AzureSignalRConnectionString ", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", result.FailureMessage.Replace("abc;", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_access_token_is_hs256_with_the_audience_user_and_custom_claims()
    {
        var settings = Settings();
        var token = await Tokens(settings, new FakeTimeProvider(Now)).ForClientAsync(settings.Endpoint!, "mcp", "claude", new Dictionary<string, object> { ["mcp.scope"] = "campaigns:read" }, TimeSpan.FromMinutes(20), CancellationToken.None);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AccessKey)),
            ValidAudience = "https://contoso.service.signalr.net/client/?hub=mcp",
            ValidateIssuer = false,
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal("claude", jwt.GetPayloadValue<string>("asrs.s.uid"));
        Assert.Equal("claude", jwt.GetPayloadValue<string>("nameid"));
        Assert.Equal("campaigns:read", jwt.GetPayloadValue<string>("mcp.scope"));
        Assert.Equal(Now.ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("nbf"));
        Assert.Equal(1200, jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat"));
    }

    [Fact]
    public void Signatures_match_the_documented_hmac_of_the_connection_id()
    {
        var expected = "sha256=" + Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(AccessKey), "conn-1"u8));
        Assert.Equal(expected, UpstreamSignature.Sign("conn-1", AccessKey));
    }

    [Theory]
    [InlineData("good", true)]
    [InlineData("lower", true)]
    [InlineData("spaced-list", true)]
    [InlineData("other-first", true)]
    [InlineData("bad", false)]
    [InlineData("other-connection", false)]
    [InlineData("missing", false)]
    [InlineData("no-prefix", false)]
    public void Signature_checks_accept_any_matching_key_case_insensitively_and_nothing_else(string kind, bool valid)
    {
        var good = UpstreamSignature.Sign("conn-1", AccessKey);
        var other = UpstreamSignature.Sign("conn-1", "secondary-key");
        string? header = kind switch
        {
            "good" => good,
            "lower" => good.ToLowerInvariant(),
            "spaced-list" => $" {other} , {good} ",
            "other-first" => $"{other},{good}",
            "bad" => other,
            "other-connection" => UpstreamSignature.Sign("conn-2", AccessKey),
            "no-prefix" => good["sha256=".Length..],
            _ => null,
        };
        Assert.Equal(valid, UpstreamSignature.IsValid("conn-1", header, AccessKey));
    }

    [Fact]
    public void An_invocation_body_without_separator_parses_with_its_id_and_argument()
    {
        var message = Assert.IsType<InvocationMessage>(HubMessages.Parse("""{"type":1,"invocationId":"7","target":"jsonrpc","arguments":["{\"jsonrpc\":\"2.0\"}"]}"""u8));
        Assert.Equal("7", message.InvocationId);
        Assert.Equal("{\"jsonrpc\":\"2.0\"}", Assert.Single(message.Arguments));

        var send = Assert.IsType<InvocationMessage>(HubMessages.Parse("""{"type":1,"target":"jsonrpc","arguments":["x"]}"""u8));
        Assert.Null(send.InvocationId);
    }

    [Theory]
    [InlineData("""{"type":1,"invocationId":"1","target":"delete_everything","arguments":["x"]}""")]
    [InlineData("""{"type":1,"invocationId":"1","target":"jsonrpc","arguments":["x","y"]}""")]
    [InlineData("""{"type":1,"invocationId":"1","target":"jsonrpc","arguments":[42]}""")]
    public void Invocations_outside_the_hub_contract_fail_to_bind(string body) =>
        Assert.IsType<InvocationBindingFailureMessage>(HubMessages.Parse(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":10}""")]
    [InlineData("")]
    [InlineData("""{"type":1,"target":"jsonrpc","arguments":["x"]}{"type":6}""")]
    public void Bodies_that_are_not_one_hub_message_give_nothing(string body) =>
        Assert.Null(HubMessages.Parse(Encoding.UTF8.GetBytes(body)) as InvocationMessage);

    // Found by fuzzing: each of these used to throw out of the parser (a 500 from the upstream endpoint).
    [Theory]
    [InlineData("""{"type":1,"invocationId":"1","target":"jsonrpc","arguments":["x"],"streamIds":[[1]]}""")]
    [InlineData("""{"type":1,"invocationId":"1","target":"jsonrpc","arguments":["x"],"streamIds":[42]}""")]
    [InlineData("""{"type":1e400,"target":"jsonrpc","arguments":["x"]}""")]
    [InlineData("""{"type":1,"invocationId":"\ud800","target":"jsonrpc","arguments":["x"]}""")]
    [InlineData("""{"type":1,"invocationId":"1","target":"jsonrpc","arguments":["\udc00"]}""")]
    public void Hub_messages_the_json_reader_cannot_read_give_nothing(string body) =>
        Assert.Null(HubMessages.Parse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_hub_message_with_invalid_utf8_gives_nothing() =>
        Assert.Null(HubMessages.Parse([.. "{\"type\":1,\"invocationId\":\""u8, 0xC3, 0x28, .. "\",\"target\":\"jsonrpc\",\"arguments\":[\"x\"]}"u8]));

    [Fact]
    public void Completions_are_framed_with_the_record_separator_and_parse_back()
    {
        var bytes = HubMessages.Completion("9", """{"jsonrpc":"2.0","id":1,"result":{}}""");
        Assert.Equal(0x1E, bytes[^1]);
        var completion = HubMessages.ParseCompletion(bytes)!;
        Assert.Equal("9", completion.InvocationId);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", completion.Result);

        var error = HubMessages.ParseCompletion(HubMessages.CompletionError("9", "nope"))!;
        Assert.Equal("nope", error.Error);
        Assert.Null(HubMessages.ParseCompletion(HubMessages.Completion("9", null))!.Result);
    }

    [Fact]
    public async Task Sending_to_a_connection_posts_the_documented_request_with_a_url_bound_token()
    {
        var handler = new RecordingHandler();
        var settings = Settings();
        var client = new SignalRRestClient(new SingleClientFactory(new HttpClient(handler)), settings, Tokens(settings, new FakeTimeProvider(Now)));

        await client.SendToConnectionAsync("mcp", "conn/1", "jsonrpc", ["{\"jsonrpc\":\"2.0\"}"], CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://contoso.service.signalr.net/api/hubs/mcp/connections/conn%2F1/:send?api-version=2022-06-01", request.Uri);
        Assert.Equal("application/json", request.ContentType);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("jsonrpc", body.GetProperty("target").GetString());
        Assert.Equal("{\"jsonrpc\":\"2.0\"}", body.GetProperty("arguments")[0].GetString());

        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(request.Bearer, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AccessKey)),
            ValidAudience = "https://contoso.service.signalr.net/api/hubs/mcp/connections/conn%2F1/:send?api-version=2022-06-01",
            ValidateIssuer = false,
            ValidateLifetime = false,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.True(((JsonWebToken)validation.SecurityToken).TryGetPayloadValue<long>("exp", out _));
    }

    [Fact]
    public async Task A_refused_send_is_reported_with_its_status()
    {
        var settings = Settings();
        var client = new SignalRRestClient(new SingleClientFactory(new HttpClient(new RecordingHandler(HttpStatusCode.NotFound))), settings, Tokens(settings, TimeProvider.System));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendToConnectionAsync("mcp", "gone", "jsonrpc", [], CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    private sealed record RecordedRequest(HttpMethod Method, string Uri, string? ContentType, string Body, string Bearer);

    private sealed class RecordingHandler(HttpStatusCode status = HttpStatusCode.Accepted) : HttpMessageHandler
    {
        public List<RecordedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new RecordedRequest(
                request.Method,
                request.RequestUri!.OriginalString,
                request.Content?.Headers.ContentType?.MediaType,
                await request.Content!.ReadAsStringAsync(cancellationToken),
                request.Headers.Authorization!.Parameter!));
            return new HttpResponseMessage(status);
        }
    }

    private sealed class SingleClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
