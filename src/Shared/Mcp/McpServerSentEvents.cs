using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Mcp;

/// <summary>
/// The SSE form of a Streamable HTTP response, begun by the first message the server sends before its reply:
/// each message is one <c>message</c> event, flushed when it is produced, and the reply is the last event.
/// A client that did not accept <c>text/event-stream</c> gets the plain JSON reply and no progress.
/// https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
/// </summary>
public sealed class McpServerSentEvents(HttpResponse response, bool accepted) : IMcpMessageSink
{
    private static readonly byte[] EventPrefix = "event: message\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    /// <summary>True once the response has become an event stream (its status and headers are sent).</summary>
    public bool Started { get; private set; }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!accepted)
        {
            return;
        }

        if (!Started)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            Started = true;
        }

        await WriteEventAsync(message, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reply, as the stream's last event.</summary>
    public async Task FinishAsync(ReadOnlyMemory<byte> reply, CancellationToken cancellationToken)
    {
        await WriteEventAsync(reply, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteEventAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(EventPrefix, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
    }
}
