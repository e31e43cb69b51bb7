using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.SignalR;

/// <summary>The official JavaScript SignalR client (npm @microsoft/signalr) on all three transports, with the service keyed and keyless.</summary>
public class SignalRJavaScriptClientTests
{
    [Theory]
    [InlineData("access_key")]
    [InlineData("entra")]
    public async Task The_javascript_signalr_client_runs_every_tool_a_denial_and_a_call_after_expiry(string auth)
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_SIGNALR_LOCAL_AUTH"] = auth;
        await using var host = await RunningHost.StartAsync(settings);
        var environment = new Dictionary<string, string>
        {
            ["HUB_URL"] = host.BaseUrl + "/api/v1/mcp/signalr",
            ["TOKEN_FULL"] = await TestTokens.GetAsync(host),
            ["TOKEN_READ_CALL"] = await TestTokens.GetAsync(host, "campaigns:read", "tools:call"),
        };

        var (exitCode, output) = await NodeScript.RunAsync("signalr-client.mjs", environment, TimeSpan.FromMinutes(2), _ =>
        {
            host.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
            return Task.CompletedTask;
        });

        Assert.True(exitCode == 0, output);
        Assert.Contains("ok - LongPolling: initialize, tools/list and every tool", output, StringComparison.Ordinal);
        Assert.Contains("ok - a call after the MCP token expired is -32003 expired", output, StringComparison.Ordinal);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
    }
}
