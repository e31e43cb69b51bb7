using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.OAuth;

/// <summary>
/// The official TypeScript SDK's OAuth client (npm @modelcontextprotocol/sdk: OAuthClientProvider and auth())
/// connects on its own: discovery from a bare 401, registration, sign-in, tools, refresh (tests/node/oauth-client.mjs).
/// </summary>
public sealed class TypeScriptOAuthClientTests
{
    [Fact]
    public async Task The_sdk_client_registers_by_dcr_signs_in_calls_tools_and_refreshes()
    {
        await using var host = await RunningHost.StartAsync();
        var (exitCode, output) = await NodeScript.RunAsync("oauth-client.mjs", Environment(host), TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, output);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sdk_client_identified_by_a_client_id_metadata_document_signs_in()
    {
        await using var documents = await DocumentServer.StartAsync();
        var callbackPort = RunningHost.FreePort();
        var clientId = documents.Url("/oauth/client.json");
        documents.ServeJson("/oauth/client.json", $$"""{"client_id":"{{clientId}}","client_name":"Metadata document client","redirect_uris":["http://localhost:{{callbackPort}}/callback"],"token_endpoint_auth_method":"none"}""");
        await using var host = await SignInFlow.StartHostFetchingFromAsync(documents, "claude,chatgpt,cursor,vscode,continue," + clientId);
        var environment = Environment(host);
        environment["CLIENT_METADATA_URL"] = clientId;
        environment["CALLBACK_PORT"] = callbackPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, output) = await NodeScript.RunAsync("oauth-client.mjs", environment, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.Contains("[1801]", StringComparison.Ordinal) && line.Contains($"admitted as {clientId}", StringComparison.Ordinal));
        Assert.True(documents.Hits("/oauth/client.json") >= 1);
    }

    [Fact]
    public async Task The_sign_in_page_works_in_a_real_browser()
    {
        await using var host = await RunningHost.StartAsync();
        var screenshot = Path.Combine(TestArtifacts.Directory, "sign-in-page.png");
        var environment = Environment(host);
        environment["SIGN_IN"] = "browser";
        environment["SCREENSHOT"] = screenshot;

        var (exitCode, output) = await NodeScript.RunAsync("oauth-client.mjs", environment, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot of the sign-in page is missing or empty");
    }

    private static Dictionary<string, string> Environment(RunningHost host) => new()
    {
        ["MCP_URL"] = host.BaseUrl + "/api/v1/mcp",
        ["API_KEY"] = RunningHost.ApiKey,
    };
}
