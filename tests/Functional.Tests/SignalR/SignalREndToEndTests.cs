using System.Net;
using System.Text.Json;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.Http.Connections;

namespace CampaignMcp.Functional.Tests.SignalR;

/// <summary>
/// The whole SignalR path over loopback: token endpoint, negotiate function, the local SignalR Service
/// stand-in, signed upstream calls to the message handler, completions back to a real client.
/// </summary>
public sealed class SignalREndToEndTests : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task A_client_runs_initialize_tools_list_and_every_tool(HttpTransportType transport)
    {
        await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host), transport);

        var initialize = await client.RequestAsync("initialize", new { protocolVersion = "2025-11-25", capabilities = new { }, clientInfo = new { name = "signalr-test", version = "1" } });
        Assert.Equal("2025-11-25", initialize.GetProperty("result").GetProperty("protocolVersion").GetString());
        var tools = (await client.RequestAsync("tools/list")).GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order();
        Assert.Equal(["campaign_performance", "export_campaigns", "get_campaign", "list_campaigns"], tools);

        var list = (await client.CallToolAsync("list_campaigns", new { status = "active", limit = 3 })).GetProperty("result");
        Assert.Equal(3, list.GetProperty("structuredContent").GetProperty("campaigns").GetArrayLength());
        var detail = (await client.CallToolAsync("get_campaign", new { id = "cmp-0100" })).GetProperty("result");
        Assert.Equal("cmp-0100", detail.GetProperty("structuredContent").GetProperty("campaign").GetProperty("id").GetString());
        var performance = (await client.CallToolAsync("campaign_performance", new { group_by = "status" })).GetProperty("result");
        Assert.Equal(5, performance.GetProperty("structuredContent").GetProperty("groups").GetArrayLength());
        var export = (await client.CallToolAsync("export_campaigns", new { channel = "video", max_rows = 5 })).GetProperty("result");
        Assert.Equal("text/csv", export.GetProperty("content")[1].GetProperty("resource").GetProperty("mimeType").GetString());
        var bad = (await client.CallToolAsync("get_campaign", new { id = "nope" })).GetProperty("result");
        Assert.True(bad.GetProperty("isError").GetBoolean());
    }

    [Fact]
    public async Task Scope_denials_and_expiry_come_back_as_documented_json_rpc_errors()
    {
        await using var readOnly = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host, "campaigns:read", "tools:call"));
        var denied = (await readOnly.CallToolAsync("export_campaigns")).GetProperty("error");
        Assert.Equal(-32004, denied.GetProperty("code").GetInt32());
        Assert.Equal(["campaigns:export"], denied.GetProperty("data").GetProperty("required").EnumerateArray().Select(s => s.GetString()));

        await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host));
        Assert.True((await client.RequestAsync("tools/list")).TryGetProperty("result", out _));
        host.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var expired = (await client.RequestAsync("tools/list")).GetProperty("error");
        Assert.Equal(-32003, expired.GetProperty("code").GetInt32());
        Assert.Equal("expired", expired.GetProperty("data").GetProperty("reason").GetString());
    }

    // The audit line of a refusal names the user and client of the (genuine, expired) token.
    [Fact]
    public async Task A_refusal_over_signalr_is_audited_with_the_tokens_user_and_client()
    {
        await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host, "campaigns:read", "tools:call"));
        host.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var expired = (await client.RequestAsync("tools/list")).GetProperty("error");
        Assert.Equal(-32003, expired.GetProperty("code").GetInt32());
        var line = Assert.Single(host.Logs.Lines, line => line.Contains("Authentication failed on signalr: expired", StringComparison.Ordinal));
        Assert.Contains("(user the API-key holder, client claude,", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_original_params_auth_token_overrides_the_connection_token()
    {
        await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host, "campaigns:read", "tools:call"));
        var fuller = await TestTokens.GetAsync(host);
        var reply = await client.RequestAsync("tools/call", new { name = "export_campaigns", arguments = new { max_rows = 1 }, auth = new { token = fuller } });
        Assert.True(reply.TryGetProperty("result", out _), reply.GetRawText());
    }

    [Fact]
    public async Task Progress_notifications_reach_the_asking_connection_through_the_rest_api()
    {
        await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host));
        var reply = await client.CallToolAsync("export_campaigns", new { format = "json" }, new { progressToken = "export-1" });
        Assert.True(reply.TryGetProperty("result", out _));
        var progress = client.Notifications.Select(n => JsonDocument.Parse(n).RootElement).ToArray();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal("notifications/progress", p.GetProperty("method").GetString()));
        Assert.All(progress, p => Assert.Equal("export-1", p.GetProperty("params").GetProperty("progressToken").GetString()));
        Assert.Equal(600, progress[^1].GetProperty("params").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Negotiate_refuses_a_missing_or_invalid_token_with_401()
    {
        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => McpHubClient.ConnectAsync(host.BaseUrl, null));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        var invalid = await Assert.ThrowsAnyAsync<HttpRequestException>(() => McpHubClient.ConnectAsync(host.BaseUrl, "abc.def.ghi"));
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
    }

    [Fact]
    public async Task Health_counts_connections_the_service_reported()
    {
        await using (var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host)))
        {
            await client.RequestAsync("tools/list");
        }

        var signalr = default(JsonElement);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            signalr = (await Json.ReadAsync(await host.Client.GetAsync("/api/v1/mcp/health"))).GetProperty("signalr");
            if (signalr.GetProperty("connections_closed").GetInt64() >= 1)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal("local_stand_in", signalr.GetProperty("mode").GetString());
        Assert.Equal(1, signalr.GetProperty("connections_opened").GetInt64());
        Assert.Equal(1, signalr.GetProperty("connections_closed").GetInt64());
    }

    [Fact]
    public async Task Fifty_connections_making_twenty_calls_each_get_their_own_answers()
    {
        var token = await TestTokens.GetAsync(host);
        var clients = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => McpHubClient.ConnectAsync(host.BaseUrl, token)));
        try
        {
            await Task.WhenAll(clients.Select(async (client, index) =>
            {
                for (var call = 0; call < 20; call++)
                {
                    // Each call asks for a campaign unique to this connection and call; the answer must match.
                    var id = $"cmp-{(index * 20 + call) % 600 + 1:D4}";
                    var reply = await client.CallToolAsync("get_campaign", new { id });
                    Assert.Equal(id, reply.GetProperty("result").GetProperty("structuredContent").GetProperty("campaign").GetProperty("id").GetString());
                }
            }));
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
