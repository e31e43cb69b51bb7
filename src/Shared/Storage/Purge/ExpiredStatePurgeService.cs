using Microsoft.Extensions.Hosting;

namespace CampaignMcp.Storage.Purge;

/// <summary>The local host's stand-in for the timer function: the same purge every <see cref="PurgeSchedule.Interval"/>.</summary>
public sealed class ExpiredStatePurgeService(ExpiredStatePurge purge, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PurgeSchedule.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await purge.RunAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
