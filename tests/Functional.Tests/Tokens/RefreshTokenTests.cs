using System.Net;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Refresh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CampaignMcp.Functional.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functional.Tests.Tokens;

public sealed class RefreshTokenTests : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_token_endpoint_returns_a_refresh_token_with_its_lifetime()
    {
        using var response = await IssueAsync(host);
        var data = (await Json.ReadAsync(response)).GetProperty("data");
        var refresh = data.GetProperty("refresh_token").GetString()!;
        Assert.StartsWith("mcprt_", refresh, StringComparison.Ordinal);
        Assert.Equal(30 * 24 * 3600, data.GetProperty("refresh_token_expires_in").GetInt64());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_refresh_rotates_both_tokens_and_the_new_access_token_works()
    {
        var (_, refresh) = await IssuePairAsync(host);
        using var response = await RefreshAsync(host, refresh);
        var (access, next) = await TokensAsync(response);
        Assert.NotEqual(refresh, next);
        Assert.Equal((200, null), await CallMcpAsync(host, access));

        using var again = await RefreshAsync(host, next);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Presenting_a_used_refresh_token_revokes_the_whole_family_and_its_access_tokens()
    {
        var (firstAccess, first) = await IssuePairAsync(host);
        using var rotated = await RefreshAsync(host, first);
        var (secondAccess, second) = await TokensAsync(rotated);

        host.Time.Advance(RefreshSettings.DefaultReuseGrace + TimeSpan.FromSeconds(1));
        using var reuse = await RefreshAsync(host, first);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("INVALID_GRANT", await ErrorCodeAsync(reuse));
        Assert.Contains(host.Logs.Lines, line => line.Contains("Refresh token reused", StringComparison.Ordinal));

        using var newest = await RefreshAsync(host, second);
        Assert.Equal(HttpStatusCode.BadRequest, newest.StatusCode);
        Assert.Contains("revoked", (await Json.ReadAsync(newest)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((401, "revoked"), await CallMcpAsync(host, firstAccess));
        Assert.Equal((401, "revoked"), await CallMcpAsync(host, secondAccess));
    }

    [Fact]
    public async Task Scopes_can_narrow_on_refresh_but_never_widen_again()
    {
        var (_, refresh) = await IssuePairAsync(host, scopes: ["campaigns:read", "tools:call"]);
        using var narrowed = await RefreshAsync(host, refresh, new[] { "campaigns:read" });
        var narrowedData = (await Json.ReadAsync(narrowed)).GetProperty("data");
        Assert.Equal(["campaigns:read"], narrowedData.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));

        using var widened = await RefreshAsync(host, narrowedData.GetProperty("refresh_token").GetString()!, "campaigns:read tools:call");
        Assert.Equal(HttpStatusCode.BadRequest, widened.StatusCode);
        Assert.Equal("INVALID_SCOPE", await ErrorCodeAsync(widened));
    }

    [Fact]
    public async Task A_refresh_token_expires_after_its_lifetime()
    {
        var (_, refresh) = await IssuePairAsync(host);
        host.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        using var response = await RefreshAsync(host, refresh);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", (await Json.ReadAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_within_the_grace_gets_the_same_successor_and_revokes_nothing()
    {
        var (firstAccess, first) = await IssuePairAsync(host);
        using var rotated = await RefreshAsync(host, first);
        var (secondAccess, second) = await TokensAsync(rotated);

        // The answer above was lost, say: the client retries with the token it still holds.
        host.Time.Advance(RefreshSettings.DefaultReuseGrace - TimeSpan.FromSeconds(1));
        using var retried = await RefreshAsync(host, first);
        var (retriedAccess, retriedRefresh) = await TokensAsync(retried);
        Assert.Equal(second, retriedRefresh);
        Assert.NotEqual(secondAccess, retriedAccess);
        Assert.Contains(host.Logs.Lines, line => line.Contains("[1009]", StringComparison.Ordinal) && line.Contains("presented again within the grace window", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("Refresh token reused", StringComparison.Ordinal));
        foreach (var access in new[] { firstAccess, secondAccess, retriedAccess })
        {
            Assert.Equal((200, null), await CallMcpAsync(host, access));
        }

        // Once the successor has been exchanged, the first token is plain reuse, grace or not.
        using var third = await RefreshAsync(host, second);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        using var reuse = await RefreshAsync(host, first);
        Assert.Equal("INVALID_GRANT", await ErrorCodeAsync(reuse));
        Assert.Contains(host.Logs.Lines, line => line.Contains("Refresh token reused", StringComparison.Ordinal));
        Assert.Equal((401, "revoked"), await CallMcpAsync(host, retriedAccess));
    }

    [Fact]
    public async Task With_the_grace_off_a_second_presentation_is_reuse_at_once()
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_REFRESH_TOKEN_REUSE_GRACE"] = "0";
        await using var strict = await RunningHost.StartAsync(settings);
        var (_, first) = await IssuePairAsync(strict);
        using var rotated = await RefreshAsync(strict, first);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        // The same second: the clock has whole seconds, so "within 0 s" must not read as "within the grace".
        using var reuse = await RefreshAsync(strict, first);
        Assert.Equal("INVALID_GRANT", await ErrorCodeAsync(reuse));
        Assert.Contains(strict.Logs.Lines, line => line.Contains("Refresh token reused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_exchanges_of_one_refresh_token_all_get_the_same_successor_and_revoke_nothing()
    {
        var (_, refresh) = await IssuePairAsync(host);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshAsync(host, refresh)));
        var successors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var response in responses)
        {
            var (access, next) = await TokensAsync(response);
            Assert.Equal((200, null), await CallMcpAsync(host, access));
            successors.Add(next);
            response.Dispose();
        }

        var winner = Assert.Single(successors);
        using var afterRace = await RefreshAsync(host, winner);
        Assert.Equal(HttpStatusCode.OK, afterRace.StatusCode);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("Refresh token reused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "INVALID_REQUEST")]
    [InlineData("""{"refresh_token":""}""", "INVALID_REQUEST")]
    [InlineData("""{"refresh_token":42}""", "INVALID_REQUEST")]
    [InlineData("""{"refresh_token":"mcprt_x","scope":["admin"]}""", "INVALID_SCOPE")]
    [InlineData("""{"refresh_token":"not-a-refresh-token"}""", "INVALID_GRANT")]
    public async Task Bad_refresh_bodies_get_the_envelope_and_never_a_500(string body, string code)
    {
        using var response = await host.Client.PostAsync("/api/v1/mcp/auth/refresh", Json.Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task With_refresh_tokens_off_none_is_issued_and_the_refresh_endpoint_says_so()
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_REFRESH_TOKENS_ENABLED"] = "false";
        await using var off = await RunningHost.StartAsync(settings);
        using var issued = await IssueAsync(off);
        Assert.False((await Json.ReadAsync(issued)).GetProperty("data").TryGetProperty("refresh_token", out _));
        using var refreshed = await RefreshAsync(off, "mcprt_" + new string('a', 22) + "." + new string('b', 43));
        Assert.Equal("UNSUPPORTED_GRANT_TYPE", await ErrorCodeAsync(refreshed));
    }

    [Fact]
    public async Task A_client_removed_from_the_allowed_list_can_no_longer_refresh()
    {
        var families = new InMemoryRefreshTokenStore();
        void Shared(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IRefreshTokenStore>(families));
        var original = RunningHost.DefaultSettings();
        original["MCP_PUBLIC_URL"] = "https://campaign-mcp.test";
        await using var before = await RunningHost.StartAsync(original, configureServices: Shared);
        var (access, refresh) = await IssuePairAsync(before, "cursor");

        var settings = new Dictionary<string, string?>(original) { ["MCP_ALLOWED_CLIENTS"] = "claude" };
        await using var after = await RunningHost.StartAsync(settings, configureServices: Shared);
        using var response = await RefreshAsync(after, refresh);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("CLIENT_NOT_ALLOWED", await ErrorCodeAsync(response));
        Assert.Equal((401, "client_not_allowed"), await CallMcpAsync(after, access));
    }
}
