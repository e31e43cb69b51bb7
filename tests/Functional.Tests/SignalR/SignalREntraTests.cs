using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;
using CampaignMcp.LocalHost.SignalRService;
using CampaignMcp.SignalR;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CampaignMcp.Functional.Tests.SignalR;

/// <summary>
/// Keyless SignalR through the local host's Entra mode: the stand-in runs with local auth disabled, the app's managed
/// identity (through the local Entra stand-in) buys temporary keys from the service's access-key API, and upstream
/// calls carry the service's managed-identity token.
/// </summary>
public sealed class SignalREntraTests : IAsyncLifetime
{
    private const string Upstream = "/api/v1/mcp/signalr/upstream/mcp/messages/jsonrpc";
    private const string Invocation = """{"type":1,"invocationId":"5","target":"jsonrpc","arguments":["{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"]}""";
    private RunningHost host = null!;

    public static Dictionary<string, string?> EntraSettings()
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_SIGNALR_LOCAL_AUTH"] = "entra";
        return settings;
    }

    public async Task InitializeAsync() => host = await RunningHost.StartAsync(EntraSettings());

    public async Task DisposeAsync() => await host.DisposeAsync();

    private LocalEntra Entra => host.Services.GetRequiredService<LocalEntra>();

    private string UpstreamAudience => host.Services.GetRequiredService<LocalSignalRServiceOptions>().UpstreamAudience!;

    private async Task<HttpResponseMessage> NegotiateAsync(string? mcpToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/signalr/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mcpToken ?? await TestTokens.GetAsync(host));
        return await host.Client.SendAsync(request);
    }

    private async Task<JsonWebToken> NegotiatedTokenAsync()
    {
        using var response = await NegotiateAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + string.Join('\n', host.Logs.Lines.Where(line => line.Contains("access key", StringComparison.Ordinal))));
        return new JsonWebToken((await Json.ReadAsync(response)).GetProperty("accessToken").GetString());
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task A_client_runs_tools_and_gets_progress_with_keys_from_the_access_key_api(HttpTransportType transport)
    {
        await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host), transport);
        var tools = (await client.RequestAsync("tools/list")).GetProperty("result").GetProperty("tools");
        Assert.Equal(4, tools.GetArrayLength());

        // Progress goes out through the REST API, whose token the stand-in checks against the issued key too.
        var reply = await client.CallToolAsync("export_campaigns", new { format = "json" }, new { progressToken = "export-1" });
        Assert.True(reply.TryGetProperty("result", out _), reply.GetRawText());
        Assert.NotEmpty(client.Notifications);

        Assert.Single(host.Logs.Lines, line => line.Contains("Obtained SignalR access key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_negotiated_token_names_a_key_the_service_issued_and_no_access_key_exists()
    {
        Assert.Equal(SignalRAuthKind.ManagedIdentity, host.Services.GetRequiredService<SignalRSettings>().Endpoint!.Auth);
        Assert.Null(host.Services.GetRequiredService<SignalRSettings>().Endpoint!.AccessKey);
        var token = await NegotiatedTokenAsync();
        Assert.NotNull(host.Services.GetRequiredService<IssuedAccessKeys>().Find(token.Kid));

        // A token signed with any other key, even a well-formed one with a made-up kid, is refused by the service.
        var forged = new JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Audience = token.Audiences.Single(),
            Expires = host.Time.GetUtcNow().UtcDateTime.AddMinutes(10),
            SigningCredentials = SignalRAccessTokens.Credentials(Convert.ToBase64String(new byte[32]), token.Kid),
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/asrs/client/negotiate?hub=mcp&negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        using var refused = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Health_reports_entra_authentication_and_the_required_upstream_token()
    {
        await NegotiatedTokenAsync();
        using var response = await host.Client.GetAsync("/api/v1/mcp/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signalr = (await Json.ReadAsync(response)).GetProperty("signalr");
        Assert.Equal("microsoft_entra_managed_identity", signalr.GetProperty("auth").GetString());
        Assert.True(signalr.GetProperty("upstream_token_required").GetBoolean());
        Assert.Equal(JsonValueKind.Null, signalr.GetProperty("problem").ValueKind);
    }

    [Fact]
    public async Task Keys_are_fetched_again_after_55_minutes_before_they_expire_and_clients_keep_working()
    {
        var first = (await NegotiatedTokenAsync()).Kid;
        host.Time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal(first, (await NegotiatedTokenAsync()).Kid);

        host.Time.Advance(TimeSpan.FromMinutes(2));
        var second = (await NegotiatedTokenAsync()).Kid;
        Assert.NotEqual(first, second);
        Assert.Equal(2, host.Logs.Lines.Count(line => line.Contains("Obtained SignalR access key", StringComparison.Ordinal)));

        await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host));
        var reply = await client.CallToolAsync("export_campaigns", new { format = "json", max_rows = 5 }, new { progressToken = "after-refresh" });
        Assert.True(reply.TryGetProperty("result", out _), reply.GetRawText());
        Assert.NotEmpty(client.Notifications);
    }

    // One row per failure kind: the platform's token endpoint refuses, the service refuses an identity without the role.
    [Theory]
    [InlineData("token_endpoint_refuses", "no Microsoft Entra token")]
    [InlineData("identity_without_role", "SignalR App Server")]
    public async Task A_failing_key_acquisition_is_a_signalr_problem_and_503_on_negotiate_only(string kind, string problem)
    {
        await using var failing = await RunningHost.StartAsync(EntraSettings(), configureServices: services => services.Replace(ServiceDescriptor.Singleton<ISignalRCredentialFactory>(provider =>
        {
            var entra = provider.GetRequiredService<LocalEntra>();
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient();
            return new FixedCredentialFactory(kind == "token_endpoint_refuses"
                ? new LocalManagedIdentityCredential(http, entra.TokenUrl, "wrong-identity-header", entra.AppClientId)
                : new LocalManagedIdentityCredential(http, entra.TokenUrl, entra.IdentityHeader, Guid.NewGuid().ToString()));
        })));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/signalr/negotiate");
        var mcpToken = await TestTokens.GetAsync(failing);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mcpToken);
        using var negotiate = await failing.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
        Assert.Contains(problem, (await Json.ReadAsync(negotiate)).GetProperty("error").GetString(), StringComparison.Ordinal);

        using var health = await failing.Client.GetAsync("/api/v1/mcp/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await Json.ReadAsync(health);
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        Assert.Contains(problem, report.GetProperty("signalr").GetProperty("problem").GetString(), StringComparison.Ordinal);

        // Everything else still serves: the MCP endpoint answers over Streamable HTTP.
        using var mcp = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = Json.Body("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""") };
        mcp.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mcpToken);
        mcp.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var answered = await failing.Client.SendAsync(mcp);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    private async Task<HttpResponseMessage> UpstreamAsync(string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Upstream}?code={Uri.EscapeDataString(host.FunctionKey)}") { Content = Json.Body(Invocation) };
        request.Headers.Add("X-ASRS-Connection-Id", "conn-1");
        request.Headers.Add("X-ASRS-Hub", "mcp");
        request.Headers.Add("X-ASRS-Category", "messages");
        request.Headers.Add("X-ASRS-Event", "jsonrpc");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task An_upstream_call_with_the_services_identity_token_is_served()
    {
        using var response = await UpstreamAsync(Entra.Issue(Entra.ServiceClientId, UpstreamAudience));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // One row per failure kind of the service's managed-identity upstream token.
    [Theory]
    [InlineData("missing", "upstream_token_missing")]
    [InlineData("wrong_audience", "upstream_token_audience")]
    [InlineData("wrong_issuer", "upstream_token_issuer")]
    [InlineData("expired", "upstream_token_expired")]
    [InlineData("foreign_key", "upstream_token_signature")]
    public async Task An_upstream_call_without_a_valid_identity_token_gets_401(string kind, string reason)
    {
        using var foreign = new LocalEntra(host.BaseUrl) { Time = host.Time };
        string? bearer = kind switch
        {
            "missing" => null,
            "wrong_audience" => Entra.Issue(Entra.ServiceClientId, "api://someone-else"),
            "wrong_issuer" => Entra.Issue(Entra.ServiceClientId, UpstreamAudience, issuer: "https://sts.windows.net/00000000-0000-0000-0000-000000000000/"),
            "expired" => Entra.Issue(Entra.ServiceClientId, UpstreamAudience, lifetime: TimeSpan.FromMinutes(1)),
            _ => foreign.Issue(Entra.ServiceClientId, UpstreamAudience, issuer: Entra.Issuer),
        };
        if (kind == "expired")
        {
            // Past the token's end and the five minutes' skew.
            host.Time.Advance(TimeSpan.FromMinutes(7));
        }

        using var response = await UpstreamAsync(bearer);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.Contains($"Upstream call refused: {reason}", StringComparison.Ordinal));
    }

    private sealed class FixedCredentialFactory(TokenCredential credential) : ISignalRCredentialFactory
    {
        public TokenCredential Create(SignalRServiceEndpoint endpoint) => credential;
    }
}
