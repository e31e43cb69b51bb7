using CampaignMcp.Bridge.Tokens;
using CampaignMcp.Bridge.Upstream;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CampaignMcp.Bridge.Forwarding;

/// <summary>
/// The bridge's one resilience policy, for both transports: a deadline per request, retries included,
/// and inside it retries of transient failures with exponential backoff (0.25 s up to 5 s) and jitter.
/// Polly's jitter for exponential backoff is decorrelated ("DecorrelatedJitterBackoffV2"), so that many
/// bridges that lost the server together do not come back in step. Time runs on the given <see cref="TimeProvider"/>.
/// </summary>
public static partial class RequestPolicy
{
    public static ResiliencePipeline Create(TimeSpan deadline, TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
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

    /// <summary>Worth sending again: the server, the service or the connection may be back by then.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        UpstreamException upstream => upstream.Transient,
        HttpRequestException http => http.StatusCode is null || UpstreamException.FromStatus((int)http.StatusCode, "").Transient,
        ServerUnreachableException or IOException or TimeoutException or OperationCanceledException => true, // a cancellation not ours: Polly does not retry ours
        _ => false,
    };

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Retry {Attempt} in {DelayMs:0} ms after: {Reason}")]
    private static partial void Retrying(ILogger logger, int attempt, double delayMs, string? reason);
}
