using System.Text.Json;
using CampaignMcp.TestSupport;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Tests;

/// <summary>
/// The C# MCP SDK's stdio client launches the bridge as a child process; the bridge talks to the
/// local host (with its SignalR Service stand-in) over loopback.
/// </summary>
public class BridgeEndToEndTests
{
    private static async Task CallEveryToolAsync(McpClient client)
    {
        var tools = await client.ListToolsAsync();
        Assert.Equal(["campaign_performance", "export_campaigns", "get_campaign", "list_campaigns"], tools.Select(t => t.Name).Order());
        var list = await client.CallToolAsync("list_campaigns", new Dictionary<string, object?> { ["channel"] = "email", ["limit"] = 4 });
        Assert.Equal(4, list.StructuredContent!.Value.GetProperty("campaigns").GetArrayLength());
        var one = await client.CallToolAsync("get_campaign", new Dictionary<string, object?> { ["id"] = "cmp-0321" });
        Assert.Equal("cmp-0321", one.StructuredContent!.Value.GetProperty("campaign").GetProperty("id").GetString());
        var performance = await client.CallToolAsync("campaign_performance", new Dictionary<string, object?> { ["group_by"] = "status" });
        Assert.Equal(5, performance.StructuredContent!.Value.GetProperty("groups").GetArrayLength());
        var export = await client.CallToolAsync("export_campaigns", new Dictionary<string, object?> { ["max_rows"] = 3 });
        Assert.StartsWith("id,name,", Assert.IsType<TextResourceContents>(export.Content.OfType<EmbeddedResourceBlock>().Single().Resource).Text, StringComparison.Ordinal);
        var bad = await client.CallToolAsync("get_campaign", new Dictionary<string, object?> { ["id"] = "nope" });
        Assert.True(bad.IsError);
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task The_bridge_carries_initialize_tools_list_and_every_tool(string transport)
    {
        await using var host = await RunningHost.StartAsync();
        await using var client = await BridgeProcess.ConnectAsync(host.BaseUrl, RunningHost.ApiKey, transport);
        Assert.Equal("campaign-mcp", client.ServerInfo?.Name);
        await CallEveryToolAsync(client);
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task The_next_call_succeeds_after_the_server_restarts(string transport)
    {
        var host = await RunningHost.StartAsync();
        var baseUrl = host.BaseUrl;
        await using var client = await BridgeProcess.ConnectAsync(baseUrl, RunningHost.ApiKey, transport);
        Assert.NotEmpty(await client.ListToolsAsync());

        await host.DisposeAsync();
        host = await RunningHost.StartAsync(RunningHost.DefaultSettings(), baseUrl);
        try
        {
            var reply = await client.CallToolAsync("get_campaign", new Dictionary<string, object?> { ["id"] = "cmp-0002" });
            Assert.Equal("cmp-0002", reply.StructuredContent!.Value.GetProperty("campaign").GetProperty("id").GetString());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task Calls_keep_succeeding_past_the_first_tokens_expiry(string transport)
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_TOKEN_EXPIRY"] = "1m";
        await using var host = await RunningHost.StartAsync(settings);
        await using var client = await BridgeProcess.ConnectAsync(host.BaseUrl, RunningHost.ApiKey, transport);
        Assert.NotEmpty(await client.ListToolsAsync());

        for (var minute = 1; minute <= 3; minute++)
        {
            // The server's clock runs ahead: the bridge's token has expired there, and the bridge must renew it itself.
            host.Time.Advance(TimeSpan.FromMinutes(2));
            var reply = await client.CallToolAsync("list_campaigns", new Dictionary<string, object?> { ["limit"] = 1 });
            Assert.NotEqual(true, reply.IsError);
        }

        var issued = host.Logs.Lines.Where(line => line.Contains("[1003]", StringComparison.Ordinal)).ToList();
        Assert.True(issued.Count >= 4, "expected the bridge to have renewed its token");
        // The API key bought the first token only; every renewal exchanged the refresh token.
        Assert.Single(issued, line => line.Contains("(api_key)", StringComparison.Ordinal));
        Assert.Equal(issued.Count - 1, issued.Count(line => line.Contains("(refresh_token)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Closing_stdin_ends_the_bridge_cleanly()
    {
        await using var host = await RunningHost.StartAsync();
        var (exitCode, stdout, _) = await BridgeProcess.RunAsync(["--transport", "http"], BridgeProcess.Environment(host.BaseUrl, RunningHost.ApiKey),
            """{"jsonrpc":"2.0","id":1,"method":"ping"}""" + "\n");
        Assert.Equal(0, exitCode);
        Assert.Equal("{}", JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Nothing_but_mcp_messages_reach_stdout_and_no_secret_reaches_stderr()
    {
        await using var host = await RunningHost.StartAsync();
        var (exitCode, stdout, stderr) = await BridgeProcess.RunAsync(["--transport", "signalr", "--verbose"], BridgeProcess.Environment(host.BaseUrl, RunningHost.ApiKey),
            """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""" + "\nnot json\n" + """{"jsonrpc":"2.0","id":2,"method":"ping"}""" + "\n");
        Assert.Equal(0, exitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Equal("2.0", JsonDocument.Parse(line).RootElement.GetProperty("jsonrpc").GetString()));
        // The SDK's stdio transport skips a line that is not JSON-RPC (no id to answer) and goes on.
        Assert.Equal([1, 2], lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt32()).Order());
        Assert.NotEmpty(stderr);
        Assert.DoesNotContain(RunningHost.ApiKey, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", stderr, StringComparison.Ordinal);
    }
}
