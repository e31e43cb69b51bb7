using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Revocation;

namespace CampaignMcp.Functional.Tests.SignIn;

/// <summary>
/// Sign-in through a real OpenID Connect provider (npm oidc-provider, tests/node/oidc-provider.mjs) in headless
/// Chromium, with the official TypeScript SDK as the MCP client (tests/node/idp-sign-in.mjs), on two instances that
/// share one Azurite: the operator sees the session on either and revokes it, and both refuse its tokens.
/// </summary>
public sealed class IdentityProviderSignInTests
{
    private const string Roles = "Campaigns.Reader=campaigns:read;Campaigns.Exporter=campaigns:read,campaigns:export,tools:call";

    [Fact]
    public async Task A_team_member_signs_in_with_the_identity_provider_and_the_operator_revokes_the_session_on_every_instance()
    {
        var firstUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        var secondUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        await using var provider = await OidcProviderProcess.StartAsync(firstUrl + "/api/v1/mcp/oauth/idp-callback");
        var settings = provider.HostSettings(provider.Tenant, Roles);
        settings["MCP_STORE"] = "table";
        settings["MCP_STORAGE_CONNECTION"] = await AzuriteTables.ConnectionStringAsync();
        settings["MCP_STORAGE_TABLE_PREFIX"] = AzuriteTables.UniquePrefix();
        // Two instances behind one public URL, as on Azure: one issuer and audience for both.
        settings["MCP_PUBLIC_URL"] = firstUrl;
        await using var first = await RunningHost.StartAsync(settings, firstUrl);
        await using var second = await RunningHost.StartAsync(settings, secondUrl, time: first.Time);
        var screenshot = Path.Combine(TestArtifacts.Directory, "idp-consent-page.png");
        JsonElement listed = default;
        var revoked = -1;

        var (exitCode, output) = await NodeScript.RunAsync("idp-sign-in.mjs", new Dictionary<string, string>
        {
            ["MODE"] = "sdk",
            ["MCP_URL"] = first.BaseUrl + "/api/v1/mcp",
            ["USER_LOGIN"] = "alice",
            ["SCREENSHOT"] = screenshot,
            ["WAIT_FOR_REVOKE"] = first.BaseUrl + "/api/v1/mcp," + second.BaseUrl + "/api/v1/mcp",
        }, TimeSpan.FromMinutes(3), async _ =>
        {
            // The operator lists sessions on the other instance and revokes the user's there.
            listed = await OperatorAsync(second, HttpMethod.Get, null);
            var user = listed.GetProperty("data").GetProperty("sessions")[0].GetProperty("user").GetString();
            revoked = (await OperatorAsync(second, HttpMethod.Post, new { user })).GetProperty("data").GetProperty("revoked").GetInt32();
            first.Time.Advance(RevocationList.SyncInterval + TimeSpan.FromSeconds(1));
        });

        Assert.True(exitCode == 0, output + provider.Output);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
        using var claims = JsonDocument.Parse(Line(output, "CLAIMS "));
        var root = claims.RootElement;
        Assert.Equal(provider.Tenant + "/1f0e6a3c-2b4d-4c5e-8f7a-9b0c1d2e3f40", root.GetProperty("sub").GetString());
        Assert.Equal("Alice Example", root.GetProperty("name").GetString());
        Assert.StartsWith("dcr_", root.GetProperty("client_id").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("mcp_client_entry").GetString(), CampaignMcp.Tokens.TokenSettings.DefaultAllowedClients);
        using var refreshed = JsonDocument.Parse(Line(output, "REFRESHED "));
        Assert.Equal(root.GetProperty("client_id").GetString(), refreshed.RootElement.GetProperty("client_id").GetString());
        Assert.Equal("Alice Example", refreshed.RootElement.GetProperty("name").GetString());

        var session = Assert.Single(listed.GetProperty("data").GetProperty("sessions").EnumerateArray());
        Assert.Equal("Alice Example", session.GetProperty("user_name").GetString());
        Assert.Equal(root.GetProperty("client_id").GetString(), session.GetProperty("client_id").GetString());
        Assert.Equal(root.GetProperty("sid").GetString(), session.GetProperty("session_id").GetString());
        Assert.Equal(1, revoked);
        Assert.Contains(first.Logs.Lines, line => line.Contains("[1010]", StringComparison.Ordinal) && line.Contains("Alice Example", StringComparison.Ordinal));
        Assert.Contains(second.Logs.Lines, line => line.Contains("[1951]", StringComparison.Ordinal) && line.Contains("Alice Example", StringComparison.Ordinal));
        // The MCP surface's audit line names the app and the person.
        Assert.Contains(first.Logs.Lines, line => line.Contains("[1302]", StringComparison.Ordinal) && line.Contains(root.GetProperty("client_id").GetString() + " for Alice Example", StringComparison.Ordinal));
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot of the consent page is missing or empty");
    }

    private static async Task<JsonElement> OperatorAsync(RunningHost host, HttpMethod method, object? body)
    {
        using var request = new HttpRequestMessage(method, "/api/v1/mcp/sessions");
        request.Headers.Add("X-API-Key", RunningHost.ApiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(line => line.TrimEnd('\r')).First(line => line.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}
