using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CampaignMcp.Functional.Tests.OAuth;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Refresh;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests.SignIn;

/// <summary>
/// Who may sign in and with what, key rollover and an unreachable provider, through a real OpenID Connect provider
/// (npm oidc-provider) and our authorization endpoint in headless Chromium (tests/node/idp-sign-in.mjs MODE=page).
/// </summary>
public sealed class IdentityProviderAccessTests
{
    private const string Roles = "Campaigns.Reader=campaigns:read;Campaigns.Exporter=campaigns:read,campaigns:export,tools:call;Sessions.Admin=sessions:admin";
    private const string AliceSubject = "/1f0e6a3c-2b4d-4c5e-8f7a-9b0c1d2e3f40";
    private const string BobSubject = "/2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    [Fact]
    public async Task A_user_whose_role_grants_only_read_asks_for_export_and_gets_a_token_without_it()
    {
        await using var setup = await Setup.StartAsync();
        using var flow = await new SignInFlow(setup.Host, $"http://localhost:{RunningHost.FreePort()}/callback").RegisterAsync();

        var result = await SignInAsync(flow, "bob", "campaigns:read campaigns:export", approve: true);

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        var text = result.GetProperty("text").GetString()!;
        Assert.Contains("Signed in with Contoso as Bob Reader", text, StringComparison.Ordinal);
        Assert.Contains("Not granted, because your role does not allow it", text, StringComparison.Ordinal);
        using var response = await flow.RedeemAsync(result.GetProperty("code").GetString()!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("campaigns:read", (await SignInFlow.JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task A_user_outside_the_allowed_tenants_is_refused_with_a_page_that_says_why()
    {
        await using var setup = await Setup.StartAsync();
        using var flow = await new SignInFlow(setup.Host).RegisterAsync();

        var result = await SignInAsync(flow, "mallory", "campaigns:read", approve: false);

        Assert.Equal(403, result.GetProperty("status").GetInt32());
        var text = result.GetProperty("text").GetString()!;
        Assert.Contains("You do not have access to this server", text, StringComparison.Ordinal);
        Assert.Contains("mallory@fabrikam.example", text, StringComparison.Ordinal);
        Assert.Contains("tenant " + setup.Provider.Tenant, text, StringComparison.Ordinal);
        Assert.Contains(setup.Host.Logs.Lines, line => line.Contains("[1905]", StringComparison.Ordinal) && line.Contains("Mallory Outsider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_providers_key_rollover_is_followed_without_a_restart()
    {
        await using var setup = await Setup.StartAsync();
        using var flow = await new SignInFlow(setup.Host).RegisterAsync();
        var before = await SignInAsync(flow, "alice", "campaigns:read", approve: false);
        Assert.Contains("Signed in with Contoso as Alice Example", before.GetProperty("text").GetString()!, StringComparison.Ordinal);

        await setup.Provider.RotateKeysAsync();
        var after = await SignInAsync(flow, "alice", "campaigns:read", approve: false);

        Assert.True(after.GetProperty("status").GetInt32() == 200, after.GetProperty("text").GetString());
        Assert.Contains("Signed in with Contoso as Alice Example", after.GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_being_down_gives_a_page_that_says_so_not_a_500()
    {
        await using var setup = await Setup.StartAsync();
        using var flow = await new SignInFlow(setup.Host).RegisterAsync();
        await setup.Provider.GoDownAsync();

        using var page = await flow.OpenAsync(flow.Query());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Contoso cannot be reached", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(setup.Host.Logs.Lines, line => line.Contains("[1902]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_identity_provider_the_api_key_sign_in_is_unchanged()
    {
        await using var host = await RunningHost.StartAsync();
        using var flow = await new SignInFlow(host).RegisterAsync();

        using var page = await flow.OpenAsync(flow.Query());

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("This server's API key", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_both_methods_the_page_offers_the_provider_beside_the_api_key()
    {
        var baseUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        await using var provider = await OidcProviderProcess.StartAsync(baseUrl + "/api/v1/mcp/oauth/idp-callback");
        var settings = provider.HostSettings(provider.Tenant, Roles);
        settings["MCP_SIGNIN_METHODS"] = "idp,apikey";
        await using var host = await RunningHost.StartAsync(settings, baseUrl);
        using var flow = await new SignInFlow(host).RegisterAsync();

        using var page = await flow.OpenAsync(flow.Query());

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sign in with Contoso", html, StringComparison.Ordinal);
        Assert.Contains("This server's API key", html, StringComparison.Ordinal);
        var query = flow.Query();
        query["signin"] = "idp";
        using var sent = await flow.OpenAsync(query);
        Assert.Equal(HttpStatusCode.Found, sent.StatusCode);
        Assert.StartsWith(provider.Issuer + "/auth?", sent.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_whose_role_grants_sessions_admin_gets_it_when_asked_and_a_reader_does_not()
    {
        await using var setup = await Setup.StartAsync();
        using var aliceFlow = await new SignInFlow(setup.Host, $"http://localhost:{RunningHost.FreePort()}/callback").RegisterAsync();
        using var bobFlow = await new SignInFlow(setup.Host, $"http://localhost:{RunningHost.FreePort()}/callback").RegisterAsync();
        var sessions = setup.Host.Services.GetRequiredService<TokenGrants>();
        await sessions.IssueAsync("authorization_code", "claude", Scopes.Default, withRefreshToken: true, CancellationToken.None, oauthClientId: "dcr_other", user: new TokenUser("t/carol", "Carol Other"));

        var alice = await SignInAsync(aliceFlow, "alice", "campaigns:read sessions:admin", approve: true);
        var bob = await SignInAsync(bobFlow, "bob", "campaigns:read sessions:admin", approve: true);

        Assert.Contains("See everyone's sessions on this server and sign anyone out", alice.GetProperty("text").GetString()!, StringComparison.Ordinal);
        using var aliceToken = await aliceFlow.RedeemAsync(alice.GetProperty("code").GetString()!);
        var aliceGrant = await SignInFlow.JsonAsync(aliceToken);
        Assert.Equal("campaigns:read sessions:admin", aliceGrant.GetProperty("scope").GetString());
        using var bobToken = await bobFlow.RedeemAsync(bob.GetProperty("code").GetString()!);
        var bobGrant = await SignInFlow.JsonAsync(bobToken);
        Assert.Equal("campaigns:read", bobGrant.GetProperty("scope").GetString());

        // The administrator's token sees every session (Carol's too); the reader's only Bob's own.
        var all = await SessionsAsync(setup.Host, aliceGrant.GetProperty("access_token").GetString()!);
        var own = await SessionsAsync(setup.Host, bobGrant.GetProperty("access_token").GetString()!);
        Assert.Equal(3, all.GetArrayLength());
        Assert.Contains(all.EnumerateArray(), session => session.GetProperty("user").GetString() == "t/carol");
        Assert.Equal(setup.Provider.Tenant + BobSubject, Assert.Single(own.EnumerateArray()).GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_display_name_with_line_breaks_and_bidi_controls_cannot_forge_or_reorder_a_log_line()
    {
        await using var setup = await Setup.StartAsync();
        using var flow = await new SignInFlow(setup.Host, $"http://localhost:{RunningHost.FreePort()}/callback").RegisterAsync();

        var result = await SignInAsync(flow, "eve", "campaigns:read", approve: true);

        const string Shown = @"Eve\u000a[1001] forged line\u000d\u202eevil";
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.Contains("Signed in with Contoso as " + Shown, result.GetProperty("text").GetString()!, StringComparison.Ordinal);
        using var response = await flow.RedeemAsync(result.GetProperty("code").GetString()!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(setup.Host.Logs.Lines, line => line.Contains("[1010]", StringComparison.Ordinal) && line.Contains(Shown, StringComparison.Ordinal));
        Assert.DoesNotContain(setup.Host.Logs.Lines, line => line.Contains('\n') || line.Contains('\r') || line.Contains('\u202E'));
    }

    [Fact]
    public async Task The_sessions_page_signs_in_with_the_provider_an_administrator_sees_everyone_and_a_user_only_their_own()
    {
        await using var setup = await Setup.StartAsync();
        var grants = setup.Host.Services.GetRequiredService<TokenGrants>();
        var aliceSession = await grants.IssueAsync("authorization_code", "claude", Scopes.Default, withRefreshToken: true, CancellationToken.None, oauthClientId: "dcr_app1", user: new TokenUser(setup.Provider.Tenant + AliceSubject, "Alice Example"));
        var bobSession = await grants.IssueAsync("authorization_code", "claude", Scopes.Default, withRefreshToken: true, CancellationToken.None, oauthClientId: "dcr_app2", user: new TokenUser(setup.Provider.Tenant + BobSubject, "Bob Reader"));
        var pageUrl = setup.Host.BaseUrl + "/api/v1/mcp/sessions/manage?signin=idp";
        var screenshot = Path.Combine(TestArtifacts.Directory, "sessions-page-administrator.png");

        var admin = await PageAsync(pageUrl, "alice", screenshot: screenshot);
        var bobFamily = RefreshTokenFormat.FamilyIdOf(bobSession.RefreshToken!);
        var user = await PageAsync(pageUrl, "bob", click: "Revoke session " + bobFamily);

        Assert.Equal(200, admin.GetProperty("status").GetInt32());
        var adminText = admin.GetProperty("text").GetString()!;
        Assert.Contains("Signed in as Alice Example (administrator)", adminText, StringComparison.Ordinal);
        Assert.Contains("Bob Reader", adminText, StringComparison.Ordinal);
        Assert.Contains("All of this app", adminText, StringComparison.Ordinal);
        var userText = user.GetProperty("text").GetString()!;
        Assert.True(user.GetProperty("status").GetInt32() == 200, userText);
        Assert.Contains("Your sessions", userText, StringComparison.Ordinal);
        Assert.Contains("Revoked 1 session(s).", userText, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice Example", userText, StringComparison.Ordinal);
        Assert.DoesNotContain("All of this app", userText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await McpHttp.StatusAsync(setup.Host, bobSession.AccessToken.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await McpHttp.StatusAsync(setup.Host, aliceSession.AccessToken.AccessToken));
        Assert.Contains(setup.Host.Logs.Lines, line => line.Contains("[1953]", StringComparison.Ordinal) && line.Contains("administrator Alice Example", StringComparison.Ordinal));
        Assert.Contains(setup.Host.Logs.Lines, line => line.Contains("[1951]", StringComparison.Ordinal) && line.Contains("by user Bob Reader", StringComparison.Ordinal));
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot of the sessions page is missing or empty");
    }

    [Fact]
    public async Task The_sessions_page_offers_the_provider_and_refuses_a_forged_ticket_with_a_page()
    {
        await using var setup = await Setup.StartAsync();

        using var signInPage = await setup.Host.Client.GetAsync("/api/v1/mcp/sessions/manage");
        using var forged = await setup.Host.Client.GetAsync("/api/v1/mcp/sessions/manage?signin_ticket=not-a-ticket");
        using var doubled = await setup.Host.Client.GetAsync("/api/v1/mcp/sessions/manage?signin_ticket=a&signin_ticket=b");

        Assert.Contains("<a class=\"provider\" href=\"?signin=idp\">Sign in with Contoso</a>", await signInPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("That sign-in has expired or was already used", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, doubled.StatusCode);
    }

    [Fact]
    public async Task A_sessions_page_ticket_opened_in_another_browser_signs_nobody_in()
    {
        await using var setup = await Setup.StartAsync();
        var stolen = await RunAsync(new Dictionary<string, string>
        {
            ["MODE"] = "page",
            ["AUTHORIZE_URL"] = setup.Host.BaseUrl + "/api/v1/mcp/sessions/manage?signin=idp",
            ["USER_LOGIN"] = "alice",
            ["STOP_AT_TICKET"] = "1",
        });
        var ticketUrl = stolen.GetProperty("ticketUrl").GetString();
        Assert.Contains("signin_ticket=", ticketUrl, StringComparison.Ordinal);

        // Someone else's browser (no nonce cookie from starting that sign-in) opens the link: no sign-in, no cookie.
        using var response = await setup.Host.Client.GetAsync(ticketUrl);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That sign-in has expired or was already used", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(cookie => cookie.StartsWith("mcp_operator=", StringComparison.Ordinal)));
    }

    private static async Task<JsonElement> SessionsAsync(RunningHost host, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/mcp/sessions");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("sessions").Clone();
    }

    private static async Task<JsonElement> PageAsync(string url, string user, string? click = null, string? screenshot = null)
    {
        var environment = new Dictionary<string, string> { ["MODE"] = "page", ["AUTHORIZE_URL"] = url, ["USER_LOGIN"] = user };
        if (click is not null)
        {
            environment["CLICK"] = click;
        }

        if (screenshot is not null)
        {
            environment["SCREENSHOT"] = screenshot;
            environment["WIDTH"] = "1100";
        }

        return await RunAsync(environment);
    }

    private static async Task<JsonElement> SignInAsync(SignInFlow flow, string user, string scope, bool approve)
    {
        var environment = new Dictionary<string, string>
        {
            ["MODE"] = "page",
            ["AUTHORIZE_URL"] = QueryHelpers.AddQueryString(flow.Host.BaseUrl + SignInFlow.AuthorizePath, flow.Query(scope)),
            ["USER_LOGIN"] = user,
            ["REDIRECT_ORIGIN"] = new Uri(flow.RedirectUri).GetLeftPart(UriPartial.Authority),
            ["APPROVE"] = approve ? "1" : "0",
        };
        return await RunAsync(environment);
    }

    private static async Task<JsonElement> RunAsync(Dictionary<string, string> environment)
    {
        var (exitCode, output) = await NodeScript.RunAsync("idp-sign-in.mjs", environment, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, output);
        const string Prefix = "RESULT ";
        var line = output.Split('\n').First(line => line.StartsWith(Prefix, StringComparison.Ordinal))[Prefix.Length..];
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>A provider and one host signing in through it, admitting the provider's main tenant.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private Setup(OidcProviderProcess provider, RunningHost host)
        {
            Provider = provider;
            Host = host;
        }

        public OidcProviderProcess Provider { get; }

        public RunningHost Host { get; }

        public static async Task<Setup> StartAsync()
        {
            var baseUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
            var provider = await OidcProviderProcess.StartAsync(baseUrl + "/api/v1/mcp/oauth/idp-callback");
            var host = await RunningHost.StartAsync(provider.HostSettings(provider.Tenant, Roles), baseUrl);
            return new Setup(provider, host);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }
}
