using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// Under the Functions host every request may reach the worker from one address (the host's
/// proxy), and behind a NAT strangers share the owner's address. Strangers' wrong keys must never lock the key's
/// owner out, and a caller must not get fresh counters by sending <c>X-Forwarded-For</c> when no proxy is trusted.
/// </summary>
public sealed class SharedAddressLockoutTests
{
    private const string WrongKey = "wrong-key-0123456789abcdef";

    [Fact]
    public async Task Strangers_wrong_keys_from_the_owners_address_never_refuse_the_owners_right_key()
    {
        // Default settings: the address is the connection's, 127.0.0.1 for every caller here.
        await using var host = await RunningHost.StartAsync();
        for (var attempt = 1; attempt <= 40; attempt++)
        {
            using var attack = await TokenAsync(host, WrongKey, attempt % 2 == 0 ? "claude" : "cursor", spoofedForwardedFor: $"203.0.113.{attempt}");
            Assert.Equal(attempt <= 10 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, attack.StatusCode);
        }

        using var owner = await TokenAsync(host, RunningHost.ApiKey, "claude");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        using var ownerOAuth = await OAuthAsync(host, "cursor", RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.OK, ownerOAuth.StatusCode);

        // The spoofed header bought no fresh counter: every refusal was counted against the one real address.
        var logs = new AttackHost(host);
        logs.AssertLogged("[1005] Refused token with 429", "by address", "remote 127.0.0.1)");
        logs.AssertNeverLogged("remote 203.0.113.");
    }

    [Fact]
    public async Task A_trusted_front_door_header_separates_callers_and_the_forwarded_for_header_is_ignored()
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_CLIENT_IP_HEADER"] = "X-Azure-ClientIP";
        await using var host = await RunningHost.StartAsync(settings);
        for (var attempt = 1; attempt <= 11; attempt++)
        {
            using var attack = await TokenAsync(host, WrongKey, "{}", spoofedForwardedFor: $"198.51.100.{attempt}", frontDoorClientIp: "203.0.113.66");
            Assert.Equal(attempt <= 10 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, attack.StatusCode);
        }

        using var stranger = await TokenAsync(host, WrongKey, "{}", frontDoorClientIp: "203.0.113.67");
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        new AttackHost(host).AssertLogged("[1005] Refused token with 429", "by address", "remote 203.0.113.66)");
    }

    private static async Task<HttpResponseMessage> TokenAsync(RunningHost host, string apiKey, string clientOrBody, string? spoofedForwardedFor = null, string? frontDoorClientIp = null)
    {
        var body = clientOrBody.StartsWith('{') ? clientOrBody : $$"""{"client_id":"{{clientOrBody}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, TestTokens.TokenPath) { Content = Json.Body(body) };
        request.Headers.Add("X-API-Key", apiKey);
        if (spoofedForwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", spoofedForwardedFor);
        }

        if (frontDoorClientIp is not null)
        {
            request.Headers.Add("X-Azure-ClientIP", frontDoorClientIp);
        }

        return await host.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> OAuthAsync(RunningHost host, string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/oauth/token")
        {
            Content = new StringContent("grant_type=client_credentials", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await host.Client.SendAsync(request);
    }
}
