using System.Text.Json;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.SignIn;

/// <summary>
/// Sign-in through a real OpenID Connect provider (npm oidc-provider, tests/node/oidc-provider.mjs) in headless
/// Chromium, with the official TypeScript SDK as the MCP client (tests/node/idp-sign-in.mjs).
/// </summary>
public sealed class IdentityProviderSignInTests
{
    private const string Roles = "Campaigns.Reader=campaigns:read;Campaigns.Exporter=campaigns:read,campaigns:export,tools:call";

    [Fact]
    public async Task A_team_member_signs_in_with_the_identity_provider_and_the_tokens_name_them_and_the_app()
    {
        var baseUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        await using var provider = await OidcProviderProcess.StartAsync(baseUrl + "/api/v1/mcp/oauth/idp-callback");
        await using var host = await RunningHost.StartAsync(provider.HostSettings(provider.Tenant, Roles), baseUrl);
        var screenshot = Path.Combine(TestArtifacts.Directory, "idp-consent-page.png");

        var (exitCode, output) = await NodeScript.RunAsync("idp-sign-in.mjs", new Dictionary<string, string>
        {
            ["MODE"] = "sdk",
            ["MCP_URL"] = host.BaseUrl + "/api/v1/mcp",
            ["USER_LOGIN"] = "alice",
            ["SCREENSHOT"] = screenshot,
        }, TimeSpan.FromMinutes(3));

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
        Assert.Contains(host.Logs.Lines, line => line.Contains("[1010]", StringComparison.Ordinal) && line.Contains("Alice Example", StringComparison.Ordinal));
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot of the consent page is missing or empty");
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(line => line.TrimEnd('\r')).First(line => line.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}
