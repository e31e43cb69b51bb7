using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CampaignMcp.Functional.Tests.SignalR;

/// <summary>A real SignalR .NET client on the MCP hub: <c>jsonrpc(string)</c> in, JSON-RPC response string out.</summary>
internal sealed class McpHubClient : IAsyncDisposable
{
    private int nextId;

    private McpHubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<string>("jsonrpc", message => Notifications.Enqueue(message));
    }

    public HubConnection Connection { get; }

    public ConcurrentQueue<string> Notifications { get; } = new();

    public static async Task<McpHubClient> ConnectAsync(string baseUrl, string? token, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/api/v1/mcp/signalr", options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(token);
                options.Transports = transport;
            })
            .Build();
        await connection.StartAsync();
        return new McpHubClient(connection);
    }

    public async Task<JsonElement> RequestAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var message = JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method, @params = parameters });
        var reply = await Connection.InvokeAsync<string?>("jsonrpc", message);
        Assert.NotNull(reply);
        var element = JsonDocument.Parse(reply).RootElement.Clone();
        Assert.Equal(id, element.GetProperty("id").GetInt32());
        return element;
    }

    public Task<JsonElement> CallToolAsync(string name, object? arguments = null, object? meta = null) =>
        RequestAsync("tools/call", meta is null ? new { name, arguments } : new { name, arguments, _meta = meta });

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
