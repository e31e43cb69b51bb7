using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Forwarding;

/// <summary>
/// Everything bound for the desktop client goes through one queue, written to stdout in the order it was posted
/// (a server message posted when it arrives stays ahead of the response posted after it), one JSON-RPC message per
/// line and nothing else (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio).
/// </summary>
public sealed partial class ClientOutbox(Stream stdout, ILogger logger)
{
    private readonly Channel<JsonRpcMessage> queue = Channel.CreateUnbounded<JsonRpcMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Never blocks, so that the SignalR receive loop and the SSE reader can post as they parse. After shutdown it drops.</summary>
    public void Post(JsonRpcMessage message) => queue.Writer.TryWrite(message);

    public void Complete() => queue.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var output = new BufferedStream(stdout); // one write per message
        var json = McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(output, message, json, cancellationToken).ConfigureAwait(false);
                await output.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException exception)
        {
            ClientGone(logger, exception.Message); // stdout is closed, so the client is gone: nothing more can be delivered
            Complete();
        }
    }

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "Cannot write to stdout ({Reason}); the client is gone")]
    private static partial void ClientGone(ILogger logger, string reason);
}
