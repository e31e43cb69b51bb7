using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignMcp.Security.Tests.Support;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Refresh;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// The refresh surfaces: <c>/auth/refresh</c> (JSON envelope) and <c>/oauth/token</c> with
/// <c>grant_type=refresh_token</c>. Malformed, guessed, reused, expired, revoked and widened refresh tokens,
/// and a client removed after issuance, each refused with its code and audited. A second host, the same
/// deployment before <see cref="HostileTokens.RemovedClient"/> was removed, shares the token-state stores.
/// </summary>
public sealed class RefreshAttackTests : IAsyncLifetime
{
    private const string RefreshPath = TestTokens.RefreshPath;
    private const string OAuthTokenPath = AttackHost.OAuthTokenPath;
    private static readonly string WellFormedUnknown = "mcprt_" + new string('A', 22) + "." + new string('B', 43);
    private AttackHost target = null!;
    private RunningHost former = null!;

    public static IReadOnlyList<EndpointAttack> Attacks { get; } =
    [
        new("body not JSON", address => Refresh(address, "refresh_token=x"), HttpStatusCode.BadRequest, "INVALID_REQUEST", null),
        new("refresh_token missing", address => Refresh(address, "{}"), HttpStatusCode.BadRequest, "INVALID_REQUEST", null),
        new("refresh_token a number", address => Refresh(address, """{"refresh_token":12345}"""), HttpStatusCode.BadRequest, "INVALID_REQUEST", null),
        new("duplicate refresh_token members", address => Refresh(address, $$"""{"refresh_token":"x","refresh_token":"{{WellFormedUnknown}}"}"""), HttpStatusCode.BadRequest, "INVALID_REQUEST", null),
        new("form content type", address => Refresh(address, $"refresh_token={WellFormedUnknown}", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", null),
        new("body over 16 KiB", address => Refresh(address, Body(WellFormedUnknown + new string('A', 17 * 1024))), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", null),
        new("unknown scope requested", address => Refresh(address, $$"""{"refresh_token":"{{WellFormedUnknown}}","scope":["admin"]}"""), HttpStatusCode.BadRequest, "INVALID_SCOPE", null),
        new("not a refresh token at all", address => Refresh(address, Body("not-a-refresh-token")), HttpStatusCode.BadRequest, "INVALID_GRANT", "refresh_malformed"),
        new("right prefix, wrong length", address => Refresh(address, Body("mcprt_abc.def")), HttpStatusCode.BadRequest, "INVALID_GRANT", "refresh_malformed"),
        new("right prefix and length, separator moved", address => Refresh(address, Body("mcprt_" + new string('A', 21) + ".A" + new string('B', 43))), HttpStatusCode.BadRequest, "INVALID_GRANT", "refresh_malformed"),
        new("SQL characters at the right length", address => Refresh(address, Body(Pad("mcprt_' OR '1'='1' --"))), HttpStatusCode.BadRequest, "INVALID_GRANT", "refresh_malformed"),
        new("path characters at the right length", address => Refresh(address, Body(Pad("mcprt_../../../../../../etc/passwd"))), HttpStatusCode.BadRequest, "INVALID_GRANT", "refresh_malformed"),
        new("well-formed, unknown family", address => Refresh(address, Body(WellFormedUnknown)), HttpStatusCode.BadRequest, "INVALID_GRANT", "refresh_unknown"),
        new("OAuth: not a refresh token", address => OAuth(address, "grant_type=refresh_token&refresh_token=not-a-refresh-token"), HttpStatusCode.BadRequest, "invalid_grant", "refresh_malformed"),
        new("OAuth: well-formed, unknown family", address => OAuth(address, $"grant_type=refresh_token&refresh_token={WellFormedUnknown}"), HttpStatusCode.BadRequest, "invalid_grant", "refresh_unknown"),
        new("OAuth: refresh_token missing", address => OAuth(address, "grant_type=refresh_token"), HttpStatusCode.BadRequest, "invalid_request", null),
        new("OAuth: unknown scope", address => OAuth(address, $"grant_type=refresh_token&refresh_token={WellFormedUnknown}&scope=admin"), HttpStatusCode.BadRequest, "invalid_scope", null),
    ];

    public static TheoryData<string> Names => new(Attacks.Select(attack => attack.Name));

    public async Task InitializeAsync()
    {
        var families = new InMemoryRefreshTokenStore();
        var revoked = new InMemoryRevokedTokenStore();
        void Share(IServiceCollection services)
        {
            services.Replace(ServiceDescriptor.Singleton<IRefreshTokenStore>(families));
            services.Replace(ServiceDescriptor.Singleton<IRevokedTokenStore>(revoked));
        }

        var settings = RunningHost.BehindProxySettings();
        settings["MCP_REFRESH_TOKEN_EXPIRY"] = "1h";
        settings["MCP_LOCKOUT_MAX_FAILURES"] = "100000";
        var host = await RunningHost.StartAsync(settings, configureServices: Share);
        target = new AttackHost(host);
        var formerSettings = new Dictionary<string, string?>(settings)
        {
            ["MCP_PUBLIC_URL"] = host.BaseUrl,
            ["MCP_ALLOWED_CLIENTS"] = "claude," + HostileTokens.RemovedClient,
        };
        former = await RunningHost.StartAsync(formerSettings, time: host.Time, configureServices: Share);
    }

    public async Task DisposeAsync()
    {
        await former.DisposeAsync();
        await target.Host.DisposeAsync();
    }

    private RunningHost Host => target.Host;

    [Fact]
    public void The_catalogue_with_the_stateful_cases_below_holds_at_least_12_attacks() => Assert.True(Attacks.Count + 8 >= 12);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_refresh_is_refused_with_its_status_and_code_and_audited(string name)
    {
        await target.AssertRefusedAsync(Attacks.Single(candidate => candidate.Name == name), "refresh");
        target.AssertNeverLogged(WellFormedUnknown);
    }

    [Fact]
    public async Task An_access_token_presented_as_a_refresh_token_is_malformed()
    {
        var access = await TestTokens.GetAsync(Host);
        var address = AttackHost.NextAddress();
        using var response = await Host.Client.SendAsync(Refresh(address, Body(access)));
        await AttackHost.AssertRefusalAsync(response, HttpStatusCode.BadRequest, "INVALID_GRANT");
        target.AssertAudited("refresh", "refresh_malformed", address);
        target.AssertNeverLogged(access);
    }

    [Fact]
    public async Task The_right_family_with_a_guessed_secret_is_unknown_and_leaves_the_family_working()
    {
        var grant = await TestTokens.GetGrantAsync(Host);
        var guessed = grant.RefreshToken![..^43] + new string('Q', 43);
        var address = AttackHost.NextAddress();
        using var response = await Host.Client.SendAsync(Refresh(address, Body(guessed)));
        await AttackHost.AssertRefusalAsync(response, HttpStatusCode.BadRequest, "INVALID_GRANT");
        target.AssertAudited("refresh", "refresh_unknown", address);

        // A guess is not a reuse: revoking the family on a guess would let anyone who saw a family id end it.
        await TestTokens.RefreshAsync(Host, grant.RefreshToken);
        target.AssertNeverLogged(grant.RefreshToken);
        target.AssertNeverLogged(guessed);
    }

    [Fact]
    public async Task Reuse_after_rotation_revokes_the_family_the_newest_refresh_token_and_its_access_tokens()
    {
        var first = await TestTokens.GetGrantAsync(Host);
        var second = await TestTokens.RefreshAsync(Host, first.RefreshToken!);
        using (var before = await target.McpHttpAsync(second.AccessToken, AttackHost.NextAddress()))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Past the grace in which a retry of the same exchange would get the same successor.
        Host.Time.Advance(RefreshSettings.DefaultReuseGrace + TimeSpan.FromSeconds(1));
        var address = AttackHost.NextAddress();
        using var reused = await Host.Client.SendAsync(Refresh(address, Body(first.RefreshToken!)));
        await AttackHost.AssertRefusalAsync(reused, HttpStatusCode.BadRequest, "INVALID_GRANT");
        target.AssertLogged("[1006] Refresh token reused", $"remote {address})");

        var newestAddress = AttackHost.NextAddress();
        using var newest = await Host.Client.SendAsync(Refresh(newestAddress, Body(second.RefreshToken!)));
        await AttackHost.AssertRefusalAsync(newest, HttpStatusCode.BadRequest, "INVALID_GRANT");
        target.AssertAudited("refresh", "refresh_revoked", newestAddress);

        foreach (var access in new[] { first.AccessToken, second.AccessToken })
        {
            using var mcp = await target.McpHttpAsync(access, AttackHost.NextAddress());
            Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
            Assert.Equal("revoked", (await Json.ReadAsync(mcp)).GetProperty("error").GetProperty("data").GetProperty("reason").GetString());
        }

        foreach (var token in new[] { first.RefreshToken!, second.RefreshToken!, first.AccessToken, second.AccessToken })
        {
            target.AssertNeverLogged(token);
        }
    }

    [Fact]
    public async Task A_refresh_token_revoked_through_auth_revoke_is_refused()
    {
        var grant = await TestTokens.GetGrantAsync(Host);
        await TestTokens.RevokeAsync(Host, grant.RefreshToken!);
        var address = AttackHost.NextAddress();
        using var response = await Host.Client.SendAsync(Refresh(address, Body(grant.RefreshToken!)));
        await AttackHost.AssertRefusalAsync(response, HttpStatusCode.BadRequest, "INVALID_GRANT");
        target.AssertAudited("refresh", "refresh_revoked", address);
    }

    [Fact]
    public async Task A_refresh_token_past_MCP_REFRESH_TOKEN_EXPIRY_is_refused()
    {
        var grant = await TestTokens.GetGrantAsync(Host);
        Host.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var address = AttackHost.NextAddress();
        using var response = await Host.Client.SendAsync(Refresh(address, Body(grant.RefreshToken!)));
        await AttackHost.AssertRefusalAsync(response, HttpStatusCode.BadRequest, "INVALID_GRANT");
        target.AssertAudited("refresh", "refresh_expired", address);
    }

    [Fact]
    public async Task A_refresh_can_narrow_the_scopes_but_never_widen_them_even_back_to_what_was_granted()
    {
        var grant = await TestTokens.GetGrantAsync(Host, "claude", "campaigns:read", "tools:call");

        var address = AttackHost.NextAddress();
        using var escalation = await Host.Client.SendAsync(Refresh(address, Body(grant.RefreshToken!, "campaigns:read", "campaigns:export", "tools:call")));
        await AttackHost.AssertRefusalAsync(escalation, HttpStatusCode.BadRequest, "INVALID_SCOPE");
        target.AssertAudited("refresh", "scope_escalation", address, 1002);

        // The refused request did not spend the token: narrowing with it works.
        var narrowed = await TestTokens.RefreshAsync(Host, grant.RefreshToken!, "campaigns:read");
        Assert.Equal(["campaigns:read"], narrowed.Scopes);

        var widenAddress = AttackHost.NextAddress();
        using var widening = await Host.Client.SendAsync(Refresh(widenAddress, Body(narrowed.RefreshToken!, "campaigns:read", "tools:call")));
        await AttackHost.AssertRefusalAsync(widening, HttpStatusCode.BadRequest, "INVALID_SCOPE");
        target.AssertAudited("refresh", "scope_escalation", widenAddress, 1002);

        using var oauth = await Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), $"grant_type=refresh_token&refresh_token={narrowed.RefreshToken}&scope=campaigns:read%20campaigns:export"));
        await AttackHost.AssertRefusalAsync(oauth, HttpStatusCode.BadRequest, "invalid_scope", oauth: true);
        Assert.Equal(["campaigns:read"], (await TestTokens.RefreshAsync(Host, narrowed.RefreshToken!)).Scopes);
    }

    [Fact]
    public async Task A_client_removed_from_MCP_ALLOWED_CLIENTS_after_issuance_cannot_refresh()
    {
        var grant = await TestTokens.GetGrantAsync(former, HostileTokens.RemovedClient);
        var address = AttackHost.NextAddress();
        using var response = await Host.Client.SendAsync(Refresh(address, Body(grant.RefreshToken!)));
        await AttackHost.AssertRefusalAsync(response, HttpStatusCode.Forbidden, "CLIENT_NOT_ALLOWED");
        target.AssertAudited("refresh", "client_not_allowed", address);

        using var oauth = await Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), $"grant_type=refresh_token&refresh_token={grant.RefreshToken}"));
        await AttackHost.AssertRefusalAsync(oauth, HttpStatusCode.BadRequest, "invalid_grant", oauth: true);
    }

    [Fact]
    public async Task OAuth_refresh_reuse_revokes_the_family_too()
    {
        var first = await TestTokens.GetGrantAsync(Host);
        using var rotated = await Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), $"grant_type=refresh_token&refresh_token={first.RefreshToken}&client_id=claude"));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var next = (await Json.ReadAsync(rotated)).GetProperty("refresh_token").GetString()!;

        Host.Time.Advance(RefreshSettings.DefaultReuseGrace + TimeSpan.FromSeconds(1));
        using var reused = await Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), $"grant_type=refresh_token&refresh_token={first.RefreshToken}"));
        await AttackHost.AssertRefusalAsync(reused, HttpStatusCode.BadRequest, "invalid_grant", oauth: true);
        using var newest = await Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), $"grant_type=refresh_token&refresh_token={next}"));
        await AttackHost.AssertRefusalAsync(newest, HttpStatusCode.BadRequest, "invalid_grant", oauth: true);
    }

    [Theory]
    [InlineData("public client naming another client id", false)]
    [InlineData("another client authenticating with the API key", true)]
    public async Task OAuth_refresh_by_another_client_id_is_an_invalid_grant_and_does_not_spend_the_token(string who, bool authenticated)
    {
        _ = who;
        var grant = await TestTokens.GetGrantAsync(Host);
        var address = AttackHost.NextAddress();
        using var request = OAuth(address, $"grant_type=refresh_token&refresh_token={grant.RefreshToken}" + (authenticated ? "" : "&client_id=cursor"));
        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"cursor:{RunningHost.ApiKey}")));
        }

        using var response = await Host.Client.SendAsync(request);
        await AttackHost.AssertRefusalAsync(response, HttpStatusCode.BadRequest, "invalid_grant", oauth: true);
        target.AssertAudited("oauth-token", "refresh_client_mismatch", address);
        await TestTokens.RefreshAsync(Host, grant.RefreshToken!);
    }

    private static string Body(string refreshToken, params string[] scopes) =>
        scopes.Length == 0
            ? System.Text.Json.JsonSerializer.Serialize(new { refresh_token = refreshToken })
            : System.Text.Json.JsonSerializer.Serialize(new { refresh_token = refreshToken, scope = scopes });

    /// <summary>A made-up value stretched to the exact length of a real refresh token.</summary>
    private static string Pad(string value) => value.PadRight(TokenGrantsLength, 'A')[..TokenGrantsLength];

    private const int TokenGrantsLength = CampaignMcp.Tokens.Refresh.RefreshTokenFormat.Length;

    private static HttpRequestMessage Refresh(string address, string body, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, RefreshPath) { Content = Json.Body(body, mediaType) };
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    private static HttpRequestMessage OAuth(string address, string form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, OAuthTokenPath) { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }
}
