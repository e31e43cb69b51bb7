using System.Text;
using CampaignMcp.Mcp;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.SignalR;

/// <summary>
/// Server-initiated messages (progress) for one invocation, sent to the asking connection through the REST API
/// while the invocation is still running, so that they reach the client before the completion does.
/// </summary>
public sealed class ConnectionMessageSink(ISignalRServiceClient service, string connectionId, ILogger logger) : IMcpMessageSink
{
    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        try
        {
            await service.SendToConnectionAsync(HubContract.HubName, connectionId, HubContract.JsonRpcMethod, [Encoding.UTF8.GetString(message.Span)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A lost progress message (refused, timed out, circuit open) must not fail the call it belongs to.
            SignalRLog.DeliveryFailed(logger, exception, connectionId);
        }
    }
}
