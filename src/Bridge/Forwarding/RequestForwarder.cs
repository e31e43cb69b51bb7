using System.Threading.Channels;
using CampaignMcp.Bridge.Tokens;
using CampaignMcp.Bridge.Upstream;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Polly;
using Polly.Timeout;

namespace CampaignMcp.Bridge.Forwarding;

/// <summary>
/// Takes what the desktop client sends and forwards it through the request policy. The invariant: every
/// request gets exactly one message with its id, the server's reply or a JSON-RPC error naming the cause,
/// within the deadline, whatever the server, the service or the connection do. Requests run side by side
/// (a slow tool call does not hold up a ping), at most <see cref="MaximumConcurrentSends"/> on the wire at once.
/// </summary>
public sealed partial class RequestForwarder(
    ChannelReader<JsonRpcMessage> incoming, IUpstream upstream, ClientOutbox outbox, ResiliencePipeline policy, TimeSpan deadline, ILogger logger) : IDisposable
{
    public const int MaximumConcurrentSends = 16;
    private readonly SemaphoreSlim sending = new(MaximumConcurrentSends, MaximumConcurrentSends);
    private readonly Lock gate = new();
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;
    private bool inputEnded;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await incoming.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (TryTake(out var message))
            {
                _ = HandleAsync(message, cancellationToken);
            }
        }

        // stdin has ended: let the last requests finish before the caller disposes what they use.
        await DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Called when stdin ends: waits until every request read so far is answered. The SDK's transport
    /// stops writing once its input has ended, so the end is held back until then.
    /// </summary>
    public Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            inputEnded = true;
            CheckDrained();
        }

        return drained.Task.WaitAsync(cancellationToken);
    }

    private bool TryTake(out JsonRpcMessage message)
    {
        // Taking a message and counting it happen together, so DrainAsync never sees neither.
        lock (gate)
        {
            if (!incoming.TryRead(out message!))
            {
                return false;
            }

            inFlight++;
            return true;
        }
    }

    private void CheckDrained()
    {
        // The transport has put every message it read in the channel before it reads the end.
        if (inputEnded && inFlight == 0 && !incoming.TryPeek(out _))
        {
            drained.TrySetResult();
        }
    }

    private async Task HandleAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await ForwardAsync(message, cancellationToken).ConfigureAwait(false);
            if (answer is not null)
            {
                outbox.Post(answer);
            }
        }
        finally
        {
            lock (gate)
            {
                inFlight--;
                CheckDrained();
            }
        }
    }

    /// <returns>What the client gets for this message: for a request always one message with its id, else null.</returns>
    private async Task<JsonRpcMessage?> ForwardAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        var request = message as JsonRpcRequest;
        Exception? lastFailure = null;
        try
        {
            var reply = await policy.ExecuteAsync(
                async token =>
                {
                    await sending.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        // WaitAsync: the deadline holds even if a send ignored its token.
                        return await upstream.SendAsync(message, token).WaitAsync(token).ConfigureAwait(false);
                    }
                    catch (Exception exception)
                    {
                        lastFailure = exception;
                        throw;
                    }
                    finally
                    {
                        sending.Release();
                    }
                },
                cancellationToken).ConfigureAwait(false);
            return request is null ? null
                : reply is JsonRpcMessageWithId answer && answer.Id == request.Id ? answer
                : Failure(request, BridgeErrorCodes.InternalError, $"The MCP server's reply to {request.Method} was not a response to it");
        }
        catch (TimeoutRejectedException)
        {
            var cause = lastFailure is null ? "" : $"; last failure: {Describe(lastFailure)}";
            return Failure(request, BridgeErrorCodes.ServerUnavailable, $"The MCP server did not answer {Method(message)} within {deadline.TotalSeconds:0} s{cause}");
        }
        catch (UpstreamException exception)
        {
            return Failure(request, exception.JsonRpcCode, exception.Message);
        }
        catch (TokenRejectedException exception)
        {
            return Failure(request, BridgeErrorCodes.AuthenticationRequired, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null; // the bridge is shutting down
        }
#pragma warning disable CA1031 // Whatever went wrong, the request still gets its one answer.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Failure(request, BridgeErrorCodes.InternalError, $"The bridge could not forward {Method(message)}: {Describe(exception)}");
        }
    }

    private JsonRpcError? Failure(JsonRpcRequest? request, int code, string text)
    {
        RequestFailed(logger, request?.Method ?? "(not a request)", text);
        return request is null ? null : new JsonRpcError { Id = request.Id, Error = new JsonRpcErrorDetail { Code = code, Message = text } };
    }

    private static string Method(JsonRpcMessage message) => message switch
    {
        JsonRpcRequest request => request.Method,
        JsonRpcNotification notification => notification.Method,
        _ => "a response",
    };

    private static string Describe(Exception exception) =>
        exception.Message.Length > 300 ? exception.Message[..300] + "…" : exception.Message;

    public void Dispose() => sending.Dispose();

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Answering {Method} with an error: {Reason}")]
    private static partial void RequestFailed(ILogger logger, string method, string reason);
}
