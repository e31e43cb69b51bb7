using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// The remote MCP server: one message out, its reply (if any) back, or an <see cref="UpstreamException"/>.
/// Messages the server starts (progress) go, as they arrive, to the callback the upstream was built with.
/// </summary>
public interface IUpstream : IAsyncDisposable
{
    Task<JsonRpcMessage?> SendAsync(JsonRpcMessage message, CancellationToken cancellationToken);
}
