using CampaignMcp.Storage.Purge;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Timers;

/// <summary>
/// Deletes expired token state and superseded campaign snapshots. The Functions host runs a timer function on one
/// instance at a time (a blob lease in AzureWebJobsStorage); the sweepers are safe on several anyway
/// (https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#scale-out).
/// </summary>
public sealed class PurgeExpiredStateFunction(ExpiredStatePurge purge)
{
    [Function(PurgeSchedule.FunctionName)]
    public Task Run([TimerTrigger(PurgeSchedule.Cron)] TimerInfo timer, CancellationToken cancellationToken)
        => purge.RunAsync(cancellationToken);
}
