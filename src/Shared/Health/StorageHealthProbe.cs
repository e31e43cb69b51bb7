using CampaignMcp.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Health;

/// <summary>
/// Whether the store answers, for health: one cheap point read with a short timeout, its result kept for a
/// few seconds so that health stays cheap however often it is polled. Concurrent callers share one probe.
/// </summary>
public sealed class StorageHealthProbe(StorageSettings settings, IServiceProvider services, TimeProvider time, ILogger<StorageHealthProbe> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private Task<StorageHealth>? last;
    private DateTimeOffset lastAt;

    public Task<StorageHealth> CheckAsync()
    {
        if (!settings.UsesTables)
        {
            return Task.FromResult(new StorageHealth(StorageSettings.Embedded, null, null, true, null));
        }

        lock (gate)
        {
            var now = time.GetUtcNow();
            if (last is null || (last.IsCompleted && now - lastAt >= CacheFor))
            {
                lastAt = now;
                last = ProbeAsync();
            }

            return last;
        }
    }

    private async Task<StorageHealth> ProbeAsync()
    {
        var storage = services.GetRequiredService<IStorageProbe>();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await storage.ProbeAsync(timeout.Token).ConfigureAwait(false);
            return new StorageHealth(StorageSettings.Table, storage.EndpointHost, settings.Connection!.UsesIdentity ? "identity" : "connection_string", true, null);
        }
        catch (Exception exception) when (exception is StorageUnavailableException or OperationCanceledException)
        {
            var reason = exception is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0}s" : exception.Message;
            HealthLog.ProbeFailed(logger, storage.EndpointHost, reason);
            return new StorageHealth(StorageSettings.Table, storage.EndpointHost, settings.Connection!.UsesIdentity ? "identity" : "connection_string", false, reason);
        }
    }
}
