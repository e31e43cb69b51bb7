using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// The failed API-key limit (defaults: 10 failures in 5 minutes, per address and per client id): once an
/// address or a client id reaches it, 429 with Retry-After for further wrong keys, on both token endpoints, until
/// the window ends, every one of them still counted against both; the right key is never refused (whoever shares an
/// address or names a client must not lock its owner out); counted in the shared store, so that two instances
/// enforce one limit. Two hosts share one store and one clock here;
/// each test uses its own addresses and client ids, so that their windows never meet.
/// </summary>
public sealed class LockoutAttackTests : IAsyncLifetime
{
    private const string WrongKey = "wrong-key-0123456789abcdef";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private RunningHost first = null!;
    private RunningHost second = null!;

    public async Task InitializeAsync()
    {
        var attempts = new InMemoryFailedAttemptStore();
        void Share(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IFailedAttemptStore>(attempts));
        first = await RunningHost.StartAsync(RunningHost.BehindProxySettings(), configureServices: Share);
        second = await RunningHost.StartAsync(RunningHost.BehindProxySettings(), time: first.Time, configureServices: Share);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Ten_failures_from_one_address_refuse_its_wrong_keys_for_any_client_until_the_window_ends_but_never_the_right_key()
    {
        var address = AttackHost.NextAddress();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            // No client id in the body: only the address is counted.
            using var failed = await TokenAsync(first, address, WrongKey, "{}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await TokenAsync(first, address, WrongKey, "chatgpt");
        await AssertLockedOutAsync(locked, Window);
        new AttackHost(first).AssertLogged("[1005] Refused token with 429", "by address", $"remote {address})");
        using var oauth = await OAuthAsync(first, address, "chatgpt", WrongKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, oauth.StatusCode);
        Assert.Equal("temporarily_unavailable", (await Json.ReadAsync(oauth)).GetProperty("error").GetString());
        Assert.NotNull(oauth.Headers.RetryAfter?.Delta);

        using var rightKey = await TokenAsync(first, address, RunningHost.ApiKey, "chatgpt");
        Assert.Equal(HttpStatusCode.OK, rightKey.StatusCode);
        using var rightSecret = await OAuthAsync(first, address, "chatgpt", RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.OK, rightSecret.StatusCode);

        // Another address with the same client is not affected: the limit was the address's.
        using var elsewhere = await TokenAsync(first, AttackHost.NextAddress(), WrongKey, "chatgpt");
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);

        first.Time.Advance(Window);
        using var later = await TokenAsync(first, address, WrongKey, "chatgpt");
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
        new AttackHost(first).AssertNeverLogged(WrongKey);
        new AttackHost(first).AssertNeverLogged(RunningHost.ApiKey);
    }

    /// <summary>Wrong keys refused because the client id is locked still count against the caller's address.</summary>
    [Fact]
    public async Task Wrong_keys_refused_for_a_locked_client_still_count_against_the_callers_address()
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            using var failed = await TokenAsync(first, AttackHost.NextAddress(), WrongKey, "continue");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var guesser = AttackHost.NextAddress();
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            using var refused = attempt % 2 == 0
                ? await TokenAsync(first, guesser, WrongKey + attempt, "continue")
                : await OAuthAsync(second, guesser, "continue", WrongKey + attempt);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        // The address has reached its own limit: a wrong key naming another client is refused too, not answered 401.
        using var otherClient = await TokenAsync(first, guesser, WrongKey, "claude");
        await AssertLockedOutAsync(otherClient, Window);
        new AttackHost(first).AssertLogged("[1005] Refused token with 429", "by address", $"remote {guesser})");
        using var noClient = await OAuthAsync(second, guesser, "cursor", WrongKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, noClient.StatusCode);
    }

    [Fact]
    public async Task Ten_failures_for_one_client_id_from_ten_addresses_refuse_further_wrong_keys_for_it_everywhere()
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            using var failed = attempt % 2 == 0
                ? await TokenAsync(first, AttackHost.NextAddress(), WrongKey, "vscode")
                : await OAuthAsync(first, AttackHost.NextAddress(), "vscode", WrongKey);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // More wrong keys for that client are refused unchecked, from any address, on both endpoints, in any case...
        var fresh = AttackHost.NextAddress();
        using var locked = await TokenAsync(first, fresh, WrongKey, "vscode");
        await AssertLockedOutAsync(locked, Window);
        new AttackHost(first).AssertLogged("[1005] Refused token with 429", "by client (client vscode", $"remote {fresh})");
        using var differentCase = await TokenAsync(first, AttackHost.NextAddress(), WrongKey, "VSCode");
        Assert.Equal(HttpStatusCode.TooManyRequests, differentCase.StatusCode);
        using var oauth = await OAuthAsync(first, AttackHost.NextAddress(), "vscode", WrongKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, oauth.StatusCode);

        // ...while the right key still gets tokens for it: naming a client must not lock the real one out.
        using var rightKey = await TokenAsync(first, AttackHost.NextAddress(), RunningHost.ApiKey, "vscode");
        Assert.Equal(HttpStatusCode.OK, rightKey.StatusCode);
        using var rightSecret = await OAuthAsync(first, AttackHost.NextAddress(), "vscode", RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.OK, rightSecret.StatusCode);

        // The same fresh address may still get tokens for another client.
        using var other = await TokenAsync(first, fresh, RunningHost.ApiKey, "continue");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        first.Time.Advance(Window);
        using var later = await TokenAsync(first, AttackHost.NextAddress(), WrongKey, "vscode");
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
    }

    [Fact]
    public async Task Failures_on_two_hosts_sharing_the_store_count_toward_one_limit()
    {
        var address = AttackHost.NextAddress();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            using var failed = await TokenAsync(attempt % 2 == 0 ? first : second, address, WrongKey, "{}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        foreach (var host in new[] { first, second })
        {
            using var locked = await TokenAsync(host, address, WrongKey, "cursor");
            await AssertLockedOutAsync(locked, Window);
        }
    }

    [Fact]
    public async Task Nine_failures_leave_the_right_key_working()
    {
        var address = AttackHost.NextAddress();
        for (var attempt = 1; attempt <= 9; attempt++)
        {
            using var failed = await TokenAsync(first, address, WrongKey, "{}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var allowed = await TokenAsync(first, address, RunningHost.ApiKey, "claude");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var tenth = await TokenAsync(first, address, WrongKey, "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, tenth.StatusCode);
        using var eleventh = await TokenAsync(first, address, WrongKey, "{}");
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
    }

    private static async Task AssertLockedOutAsync(HttpResponseMessage response, TimeSpan window)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), window);
        Assert.Equal("TOO_MANY_ATTEMPTS", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary><paramref name="clientOrBody"/> is a client id, or a whole JSON body when it starts with '{'.</summary>
    private static async Task<HttpResponseMessage> TokenAsync(RunningHost host, string address, string apiKey, string clientOrBody)
    {
        var body = clientOrBody.StartsWith('{') ? clientOrBody : $$"""{"client_id":"{{clientOrBody}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, TestTokens.TokenPath) { Content = Json.Body(body) };
        request.Headers.Add("X-Forwarded-For", address);
        request.Headers.Add("X-API-Key", apiKey);
        return await host.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> OAuthAsync(RunningHost host, string address, string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/oauth/token")
        {
            Content = new StringContent("grant_type=client_credentials", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Forwarded-For", address);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await host.Client.SendAsync(request);
    }
}
