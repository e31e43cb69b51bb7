using System.Net;
using System.Text.Json;
using CampaignMcp.Functional.Tests.OAuth;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignMcp.Functional.Tests.SignIn;

/// <summary>
/// Who may sign in and with what, key rollover and an unreachable provider, through a real OpenID Connect provider
/// (npm oidc-provider) and our authorization endpoint in headless Chromium (tests/node/idp-sign-in.mjs MODE=page).
/// </summary>
public sealed class IdentityProviderAccessTests
{
    private const string Roles = "Campaigns.Reader=campaigns:read;Campaigns.Exporter=campaigns:read,campaigns:export,tools:call";

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
