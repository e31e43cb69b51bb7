using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>The remote MCP server: a message out, its reply (if any) back; what the server starts goes to the upstream's callback.</summary>
public interface IUpstream : IAsyncDisposable
{
    Task<JsonRpcMessage?> SendAsync(JsonRpcMessage message, CancellationToken cancellationToken);
}
