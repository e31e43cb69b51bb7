using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.Mcp;

/// <summary>The official TypeScript MCP SDK client (npm @modelcontextprotocol/sdk) against the local host.</summary>
public class McpTypeScriptClientTests
{
    [Fact]
    public async Task The_typescript_sdk_client_exercises_every_tool_and_every_denial()
    {
        await using var host = await RunningHost.StartAsync();
        var expired = await TestTokens.GetAsync(host);
        host.Time.Advance(TimeSpan.FromHours(25));
        var environment = new Dictionary<string, string>
        {
            ["MCP_URL"] = host.BaseUrl + "/api/v1/mcp",
            ["TOKEN_FULL"] = await TestTokens.GetAsync(host),
            ["TOKEN_READ_CALL"] = await TestTokens.GetAsync(host, "campaigns:read", "tools:call"),
            ["TOKEN_READ_ONLY"] = await TestTokens.GetAsync(host, "campaigns:read"),
            ["TOKEN_EXPIRED"] = expired,
        };

        var (exitCode, output) = await NodeScript.RunAsync("mcp-http-client.mjs", environment, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
    }
}
