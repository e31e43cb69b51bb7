using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Forwarding;

/// <summary>
/// Everything bound for the desktop client goes through one queue, written in the order it was posted:
/// a server message posted when it arrives stays ahead of the response posted after it.
/// </summary>
public sealed partial class ClientOutbox(ITransport client, ILogger logger)
{
    private readonly Channel<JsonRpcMessage> queue = Channel.CreateUnbounded<JsonRpcMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Never blocks, so the SignalR receive loop and the SSE reader can post as they parse.</summary>
    public void Post(JsonRpcMessage message)
    {
        if (!queue.Writer.TryWrite(message))
        {
            Dropped(logger, message is JsonRpcMessageWithId withId ? withId.Id.ToString() : "(no id)");
        }
    }

    public void Complete() => queue.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await client.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                // stdout is gone, so is the client: nothing more can be delivered.
                ClientGone(logger, exception.Message);
                Complete();
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2304, Level = LogLevel.Debug, Message = "A message for the client came after shutdown and was dropped (id {Id})")]
    private static partial void Dropped(ILogger logger, string id);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "Cannot write to stdout ({Reason}); the client is gone")]
    private static partial void ClientGone(ILogger logger, string reason);
}
