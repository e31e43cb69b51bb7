using System.Threading.Channels;
using CampaignMcp.Bridge.Upstream;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CampaignMcp.Bridge.Forwarding;

/// <summary>
/// Takes what the desktop client sends and forwards it. The invariant: every request gets exactly one message
/// with its id, the server's reply or a JSON-RPC error naming the cause, within the deadline, whatever the server,
/// the service or the connection do. Requests run side by side (a slow tool call does not hold up a ping), at most
/// <see cref="MaximumConcurrentSends"/> on the wire at once.
/// </summary>
public sealed partial class RequestForwarder(
    ChannelReader<JsonRpcMessage> incoming, IUpstream upstream, ClientOutbox outbox, TimeSpan deadline, TimeProvider time, ILogger logger) : IDisposable
{
    public const int MaximumConcurrentSends = 16;
    private readonly SemaphoreSlim sending = new(MaximumConcurrentSends, MaximumConcurrentSends);

    // One policy for both transports: the deadline bounds the retries of transient failures inside it. Polly's
    // exponential backoff with jitter is decorrelated, so bridges that lost the server together do not come back in step.
    private readonly ResiliencePipeline policy = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddTimeout(new TimeoutStrategyOptions { Timeout = deadline })
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } exception && IsTransient(exception)),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = int.MaxValue, // the deadline ends the retries
            OnRetry = arguments =>
            {
                Retrying(logger, arguments.AttemptNumber + 1, arguments.RetryDelay.TotalMilliseconds, arguments.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var handling = new List<Task>();
        while (await incoming.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            handling.RemoveAll(task => task.IsCompleted);
            while (incoming.TryRead(out var message))
            {
                handling.Add(HandleAsync(message, cancellationToken));
            }
        }

        // stdin has ended; the requests read before it are still owed their answers.
        await Task.WhenAll(handling).ConfigureAwait(false);
    }

    private async Task HandleAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        if (await ForwardAsync(message, cancellationToken).ConfigureAwait(false) is { } answer)
        {
            outbox.Post(answer);
        }
    }

    /// <returns>What the client gets: for a request exactly one message with its id; null for anything else.</returns>
    private async Task<JsonRpcMessage?> ForwardAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        var request = message as JsonRpcRequest;
        var method = request?.Method ?? (message as JsonRpcNotification)?.Method ?? "a response";
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
            return request is null || reply is JsonRpcMessageWithId { } answer && answer.Id == request.Id ? reply
                : Failure(request, method, BridgeErrorCodes.InternalError, $"The MCP server's reply to {method} was not a response to it");
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested)) // else shutting down
        {
            // Whatever went wrong, a request still gets its one answer, naming the cause.
            var (code, text) = exception switch
            {
                TimeoutRejectedException => (BridgeErrorCodes.ServerUnavailable,
                    $"The MCP server did not answer {method} within {deadline.TotalSeconds:0} s{(lastFailure is null ? "" : $"; last failure: {Shorten(lastFailure.Message)}")}"),
                UpstreamException upstream => (upstream.JsonRpcCode, upstream.Message),
                _ => (BridgeErrorCodes.InternalError, $"The bridge could not forward {method}: {Shorten(exception.Message)}"),
            };
            return Failure(request, method, code, text);
        }
    }

    private JsonRpcError? Failure(JsonRpcRequest? request, string method, int code, string text)
    {
        RequestFailed(logger, method, text);
        return request is null ? null : new JsonRpcError { Id = request.Id, Error = new JsonRpcErrorDetail { Code = code, Message = text } };
    }

    /// <summary>Worth sending again: the server, the service or the connection may be back by then.</summary>
    private static bool IsTransient(Exception exception) => exception switch
    {
        UpstreamException upstream => upstream.Transient,
        HttpRequestException http => http.StatusCode is null || UpstreamException.IsTransientStatus((int)http.StatusCode),
        IOException or TimeoutException or OperationCanceledException => true, // a cancellation not ours: Polly does not retry ours
        _ => false,
    };

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose() => sending.Dispose();

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Answering {Method} with an error: {Reason}")]
    private static partial void RequestFailed(ILogger logger, string method, string reason);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Retry {Attempt} in {DelayMs:0} ms after: {Reason}")]
    private static partial void Retrying(ILogger logger, int attempt, double delayMs, string? reason);
}
