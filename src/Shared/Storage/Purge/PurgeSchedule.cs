namespace CampaignMcp.Storage.Purge;

/// <summary>When the purge runs: the timer function's schedule (NCRONTAB, seconds first) and the local host's interval, the same.</summary>
public static class PurgeSchedule
{
    /// <summary>The timer function's name: not an HTTP route, so not in the endpoint table.</summary>
    public const string FunctionName = "PurgeExpiredState";

    /// <summary>Every 15 minutes (https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions).</summary>
    public const string Cron = "0 */15 * * * *";

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
}
