using System.Net.Http.Headers;
using System.Text.Json;
using CampaignMcp.Functional.Tests.SignalR;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.Mcp;

/// <summary>
/// <c>notifications/progress</c> reaches the client while the tool is still running, on both transports: the store
/// holds the export after 250 campaigns, so anything received before the test releases it was sent live.
/// </summary>
public sealed class LiveProgressTests : IAsyncLifetime
{
    private const string Export = """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"export_campaigns","arguments":{"max_rows":1},"_meta":{"progressToken":"live"}}}""";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly GatedCampaignStore.Gate gate = new();
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync(configureServices: GatedCampaignStore.Install(gate));

    public async Task DisposeAsync()
    {
        gate.Released.TrySetResult();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Streamable_http_flushes_the_first_progress_event_before_the_tool_finishes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = Json.Body(Export) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.GetAsync(host));
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Patience);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await NextEventAsync(reader).WaitAsync(Patience);
        Assert.True(gate.Held.Task.IsCompleted, "the store should be holding the scan");
        Assert.Equal("notifications/progress", first.GetProperty("method").GetString());
        Assert.Equal(GatedCampaignStore.HoldAfter, first.GetProperty("params").GetProperty("progress").GetInt32());

        gate.Released.SetResult();
        var events = new List<JsonElement>();
        while (await NextEventAsync(reader).WaitAsync(Patience) is { ValueKind: JsonValueKind.Object } next)
        {
            events.Add(next);
        }

        Assert.Equal(9, events[^1].GetProperty("id").GetInt32());
        Assert.All(events[..^1], e => Assert.Equal("notifications/progress", e.GetProperty("method").GetString()));
    }

    [Fact]
    public async Task Signalr_sends_the_first_progress_message_before_the_completion()
    {
        await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host));
        var call = client.CallToolAsync("export_campaigns", new { max_rows = 1 }, new { progressToken = "live" });

        await gate.Held.Task.WaitAsync(Patience);
        var deadline = DateTime.UtcNow + Patience;
        while (client.Notifications.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.False(call.IsCompleted, "the completion cannot exist while the store holds the scan");
        Assert.True(client.Notifications.TryPeek(out var first), "no progress arrived while the tool ran");
        Assert.Equal(GatedCampaignStore.HoldAfter, JsonDocument.Parse(first).RootElement.GetProperty("params").GetProperty("progress").GetInt32());

        gate.Released.SetResult();
        var reply = await call.WaitAsync(Patience);
        Assert.True(reply.TryGetProperty("result", out _), reply.GetRawText());
    }

    /// <summary>The next SSE event's data as JSON; default at the end of the stream.</summary>
    private static async Task<JsonElement> NextEventAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line[6..]).RootElement.Clone();
            }
        }

        return default;
    }
}
