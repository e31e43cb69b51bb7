using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// A client id is the caller's text. It must not forge or reorder audit lines, and a
/// client that swaps its fields must not get the API key written to the log.
/// </summary>
public sealed class AuditLogInjectionTests : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync(RunningHost.BehindProxySettings());

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("claude\\ninfo: CampaignMcp.Auth[1003] Issued token to client admin")]
    [InlineData("claude\\u0000admin")]
    [InlineData("claude\\r\\nwarn: forged")]
    public async Task A_client_id_with_control_characters_is_refused_on_the_json_endpoint_and_never_reaches_the_log(string escapedClientId)
    {
        using var withKey = await TokenAsync(RunningHost.ApiKey, $$"""{"client_id":"{{escapedClientId}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, withKey.StatusCode);
        Assert.Contains("control characters", await withKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrongKey = await TokenAsync("wrong-key-0123456789abcdef", $$"""{"client_id":"{{escapedClientId}}"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains('\n') || line.Contains('\r') || line.Contains('\0'));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("forged", StringComparison.Ordinal) || line.Contains("client admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bidi_and_format_characters_in_a_client_id_are_escaped_in_the_audit_line()
    {
        using var response = await TokenAsync(RunningHost.ApiKey, "{\"client_id\":\"cl\\u202Eedua\"}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        new AttackHost(host).AssertLogged("[1002] ", "client_not_allowed", "client cl\\u202eedua,");
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains('\u202E'));
    }

    [Fact]
    public async Task The_api_key_sent_as_client_id_on_the_json_endpoint_is_never_logged()
    {
        using var response = await TokenAsync("wrong-key-0123456789abcdef", $$"""{"client_id":"{{RunningHost.ApiKey}}"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        new AttackHost(host).AssertLogged("[1001] ", "api_key_invalid", "(withheld: ");
        new AttackHost(host).AssertNeverLogged(RunningHost.ApiKey);
    }

    [Fact]
    public async Task Basic_credentials_in_the_wrong_order_never_log_the_api_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/oauth/token")
        {
            Content = new StringContent("grant_type=client_credentials", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RunningHost.ApiKey}:claude")));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        new AttackHost(host).AssertLogged("[1001] ", "client_secret_invalid", "(withheld: ");
        new AttackHost(host).AssertNeverLogged(RunningHost.ApiKey);
    }

    [Fact]
    public async Task A_client_id_as_long_and_random_as_a_credential_is_logged_by_its_length_only()
    {
        var keyLike = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using var response = await TokenAsync("wrong-key-0123456789abcdef", $$"""{"client_id":"{{keyLike}}"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        new AttackHost(host).AssertLogged("[1001] ", "(unlisted, 32 characters)");
        new AttackHost(host).AssertNeverLogged(keyLike);
    }

    private async Task<HttpResponseMessage> TokenAsync(string apiKey, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TestTokens.TokenPath) { Content = Json.Body(body) };
        request.Headers.Add("X-API-Key", apiKey);
        request.Headers.Add("X-Forwarded-For", "198.51.100.200");
        return await host.Client.SendAsync(request);
    }
}
