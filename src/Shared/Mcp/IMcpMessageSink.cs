namespace CampaignMcp.Mcp;

/// <summary>
/// Where a transport takes the messages the server sends before its reply (<c>notifications/progress</c>), at the
/// moment they are produced: an SSE event flushed on Streamable HTTP, a REST send to the connection on SignalR.
/// </summary>
public interface IMcpMessageSink
{
    /// <param name="message">One JSON-RPC message; valid only during the call.</param>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
