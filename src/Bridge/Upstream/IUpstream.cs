using System.Text.Json.Nodes;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>The remote MCP server as the bridge sees it: one message out, its answer (if any) back.</summary>
public interface IUpstream : IAsyncDisposable
{
    /// <summary>Delivers messages the server starts (progress notifications) as they arrive.</summary>
    Func<string, Task>? OnServerMessage { get; set; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <returns>The response, or null for a message that gets none.</returns>
    Task<string?> SendAsync(JsonNode message, string raw, CancellationToken cancellationToken);
}
