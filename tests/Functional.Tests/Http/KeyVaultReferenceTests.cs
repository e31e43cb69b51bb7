using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using static CampaignMcp.Functional.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functional.Tests.Http;

/// <summary>
/// When the platform cannot resolve a Key Vault reference it hands the app the reference text itself. That text
/// passes a length-and-variety check, so the app must not take it for a secret: the setting counts as unset,
/// health says which one, the protected surfaces answer 503, and start-up says what to check.
/// </summary>
public class KeyVaultReferenceTests
{
    private const string SecretUriReference = "@Microsoft.KeyVault(SecretUri=https://kv-abcdefghij.vault.azure.net/secrets/api-key/)";
    private const string VaultNameReference = "@Microsoft.KeyVault(VaultName=kv-abcdefghij;SecretName=mcp-jwt-secret)";
    private const string UnresolvedProblem = "is an unresolved Key Vault reference";

    private static Dictionary<string, string?> Production(string setting, string reference)
    {
        var settings = RunningHost.DefaultSettings();
        settings["NODE_ENV"] = "production";
        settings[setting] = reference;
        return settings;
    }

    private static async Task<HttpResponseMessage> RequestTokenAsync(RunningHost host, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TestTokens.TokenPath) { Content = Json.Body("""{"client_id":"claude"}""") };
        request.Headers.Add("X-API-Key", apiKey);
        return await host.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("API_KEY", SecretUriReference)]
    [InlineData("API_KEY", VaultNameReference)]
    [InlineData("MCP_JWT_SECRET", SecretUriReference)]
    [InlineData("MCP_JWT_SECRET", VaultNameReference)]
    public async Task An_unresolved_credential_in_production_is_misconfigured_by_name_and_no_token_is_issued(string setting, string reference)
    {
        await using var host = await RunningHost.StartAsync(Production(setting, reference));

        using var health = await host.Client.GetAsync("/api/v1/mcp/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await Json.ReadAsync(health);
        Assert.Equal("misconfigured", report.GetProperty("status").GetString());
        Assert.Contains(report.GetProperty("auth").GetProperty("issues").EnumerateArray(), issue => issue.GetString()!.StartsWith($"{setting} {UnresolvedProblem}", StringComparison.Ordinal));
        Assert.DoesNotContain("vault.azure.net", report.GetRawText(), StringComparison.Ordinal);

        // Neither the real key nor the reference text (what an attacker would guess) buys a token.
        foreach (var apiKey in new[] { RunningHost.ApiKey, reference })
        {
            using var token = await RequestTokenAsync(host, apiKey);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
            var error = (await Json.ReadAsync(token)).GetProperty("error");
            Assert.Equal("SERVER_MISCONFIGURED", error.GetProperty("code").GetString());
            Assert.Contains($"{setting} {UnresolvedProblem}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Contains(host.Logs.Lines, line => line.Contains($"{setting} holds a Key Vault reference that did not resolve", StringComparison.Ordinal)
            && line.Contains("Key Vault Secrets User", StringComparison.Ordinal) && line.Contains("network", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains($"{setting} {UnresolvedProblem}", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("vault.azure.net", StringComparison.Ordinal) || line.Contains("SecretName=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_signed_with_the_reference_text_is_refused_while_the_secret_is_unresolved()
    {
        var baseUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        var genuine = await GenuineTokenAsync(baseUrl);

        var forged = ResignWith(genuine, SecretUriReference);
        await using var host = await RunningHost.StartAsync(Production("MCP_JWT_SECRET", SecretUriReference), baseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = Json.Body("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains($"MCP_JWT_SECRET {UnresolvedProblem}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unresolved_previous_secret_is_dropped_so_a_token_signed_with_its_text_is_refused()
    {
        var baseUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        var genuine = await GenuineTokenAsync(baseUrl);

        await using var host = await RunningHost.StartAsync(Production("MCP_JWT_PREVIOUS_SECRETS", SecretUriReference), baseUrl);

        // The same re-signing with a key the app holds is accepted: the refusal below is the reference's doing.
        Assert.Equal((200, null), await CallMcpAsync(host, ResignWith(genuine, RunningHost.Secret)));
        Assert.Equal((401, "unknown_key"), await CallMcpAsync(host, ResignWith(genuine, SecretUriReference)));
        var health = await Json.ReadAsync(await host.Client.GetAsync("/api/v1/mcp/health"));
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Contains(host.Logs.Lines, line => line.Contains("MCP_JWT_PREVIOUS_SECRETS holds a Key Vault reference that did not resolve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unresolved_signalr_connection_string_is_misconfigured_by_name_and_negotiate_issues_no_token()
    {
        await using var host = await RunningHost.StartAsync(Production("AzureSignalRConnectionString", SecretUriReference));

        using var health = await host.Client.GetAsync("/api/v1/mcp/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await Json.ReadAsync(health);
        Assert.Equal("misconfigured", report.GetProperty("status").GetString());
        var signalR = report.GetProperty("signalr");
        Assert.Equal("misconfigured", signalR.GetProperty("mode").GetString());
        Assert.StartsWith($"AzureSignalRConnectionString {UnresolvedProblem}", signalR.GetProperty("problem").GetString(), StringComparison.Ordinal);

        // MCP tokens do not depend on SignalR; the SignalR access token does, and is refused.
        var token = await TestTokens.GetAsync(host);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/signalr/negotiate");
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Client.SendAsync(negotiate);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"AzureSignalRConnectionString {UnresolvedProblem}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("accessToken", body, StringComparison.OrdinalIgnoreCase);

        Assert.Contains(host.Logs.Lines, line => line.Contains("AzureSignalRConnectionString holds a Key Vault reference that did not resolve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_development_an_unresolved_api_key_counts_as_unset_so_its_text_is_not_the_key()
    {
        var settings = RunningHost.DefaultSettings();
        settings["API_KEY"] = SecretUriReference;
        await using var host = await RunningHost.StartAsync(settings);

        using var token = await RequestTokenAsync(host, SecretUriReference);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        var health = await Json.ReadAsync(await host.Client.GetAsync("/api/v1/mcp/health"));
        Assert.Equal("generated_for_development", health.GetProperty("auth").GetProperty("credentials").GetString());
        Assert.Contains(host.Logs.Lines, line => line.Contains("API_KEY holds a Key Vault reference that did not resolve", StringComparison.Ordinal));
    }

    /// <summary>An access token from a correctly configured host at <paramref name="baseUrl"/> (so issuer and audience match the next host there).</summary>
    private static async Task<string> GenuineTokenAsync(string baseUrl)
    {
        await using var issuer = await RunningHost.StartAsync(baseUrl: baseUrl);
        return (await IssuePairAsync(issuer)).Access;
    }

    /// <summary>The same header and claims, signed with <paramref name="secret"/> under the kid the app derives from it.</summary>
    private static string ResignWith(string token, string secret)
    {
        var jwt = new JsonWebToken(token);
        var header = RawJwt.Decode(jwt.EncodedHeader).Replace(jwt.Kid, SigningKey.KeyIdFor(Encoding.UTF8.GetBytes(secret)), StringComparison.Ordinal);
        return RawJwt.Hmac(header, RawJwt.Decode(jwt.EncodedPayload), secret);
    }
}
