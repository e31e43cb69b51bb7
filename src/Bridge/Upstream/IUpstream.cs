using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// The remote MCP server as the bridge sees it: one message out, its reply (if any) back. Messages the
/// server starts (progress) go to the callback the upstream was built with, as they arrive.
/// </summary>
public interface IUpstream : IAsyncDisposable
{
    Task StartAsync(CancellationToken cancellationToken);

    /// <returns>The reply to a request; null for a message that gets none.</returns>
    /// <exception cref="UpstreamException">The server or the service refused or failed the message.</exception>
    Task<JsonRpcMessage?> SendAsync(JsonRpcMessage message, CancellationToken cancellationToken);
}
