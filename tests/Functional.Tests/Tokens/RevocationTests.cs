using System.Net;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CampaignMcp.Functional.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functional.Tests.Tokens;

public sealed class RevocationTests
{
    [Fact]
    public async Task A_revoked_access_token_is_refused_on_mcp_and_negotiate()
    {
        await using var host = await RunningHost.StartAsync();
        var (access, _) = await IssuePairAsync(host);
        Assert.Equal((200, null), await CallMcpAsync(host, access));

        using var revoked = await RevokeAsync(host, access);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal((401, "revoked"), await CallMcpAsync(host, access));

        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/signalr/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new("Bearer", access);
        using var response = await host.Client.SendAsync(negotiate);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_a_refresh_token_ends_the_family_and_its_access_tokens()
    {
        await using var host = await RunningHost.StartAsync();
        var (access, refresh) = await IssuePairAsync(host);
        using var revoked = await RevokeAsync(host, refresh);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var refreshed = await RefreshAsync(host, refresh);
        Assert.Equal("INVALID_GRANT", await ErrorCodeAsync(refreshed));
        Assert.Equal((401, "revoked"), await CallMcpAsync(host, access));
    }

    [Theory]
    [InlineData("""{"token":"garbage"}""", HttpStatusCode.OK)]
    [InlineData("""{"token":"mcprt_AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"}""", HttpStatusCode.OK)]
    [InlineData("""{"token":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""[]""", HttpStatusCode.BadRequest)]
    [InlineData("""{""", HttpStatusCode.BadRequest)]
    [InlineData("""{"token":"\ud800"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"token":"a","token":"b"}""", HttpStatusCode.BadRequest)]
    public async Task Revocation_answers_the_same_for_unknown_tokens_and_400_for_bad_bodies(string body, HttpStatusCode expected)
    {
        await using var host = await RunningHost.StartAsync();
        using var response = await host.Client.PostAsync("/api/v1/mcp/auth/revoke", Json.Body(body));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Another_instance_refuses_a_revoked_token_within_seconds()
    {
        var revocations = new InMemoryRevokedTokenStore();
        void Shared(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IRevokedTokenStore>(revocations));
        // Two instances of one app: the same public URL, so the same issuer and audience.
        var settings = RunningHost.DefaultSettings();
        settings["MCP_PUBLIC_URL"] = "https://campaign-mcp.test";
        await using var first = await RunningHost.StartAsync(settings, configureServices: Shared);
        await using var second = await RunningHost.StartAsync(settings, configureServices: Shared);
        var (access, _) = await IssuePairAsync(first);
        Assert.Equal((200, null), await CallMcpAsync(second, access));

        using var revoked = await RevokeAsync(first, access);
        Assert.Equal((401, "revoked"), await CallMcpAsync(first, access));

        // The second instance re-reads the shared list once its copy is older than the sync interval.
        second.Time.Advance(RevocationList.SyncInterval + TimeSpan.FromSeconds(1));
        Assert.Equal((401, "revoked"), await CallMcpAsync(second, access));
    }

    [Fact]
    public async Task The_oauth_revocation_endpoint_revokes_by_form_and_checks_the_owner_when_a_client_authenticates()
    {
        await using var host = await RunningHost.StartAsync();
        var (access, _) = await IssuePairAsync(host, "claude");

        using var wrongOwner = await OAuthAsync(host, "/api/v1/mcp/oauth/revoke", [new("token", access)], basic: ("cursor", RunningHost.ApiKey));
        Assert.Equal(HttpStatusCode.BadRequest, wrongOwner.StatusCode);
        Assert.Equal((200, null), await CallMcpAsync(host, access));

        using var revoked = await OAuthAsync(host, "/api/v1/mcp/oauth/revoke", [new("token", access), new("token_type_hint", "access_token")]);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal((401, "revoked"), await CallMcpAsync(host, access));
    }
}
