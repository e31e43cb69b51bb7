using Microsoft.Extensions.Logging;

namespace CampaignMcp.Storage.Purge;

/// <summary>Purge events, ids 1530-1539 of the storage block (1500-1599).</summary>
public static partial class PurgeLog
{
    [LoggerMessage(EventId = 1530, Level = LogLevel.Information, Message = "Purge: deleted {Count} expired {Sweeper} rows{Note}")]
    public static partial void Swept(ILogger logger, string sweeper, int count, string note);

    [LoggerMessage(EventId = 1531, Level = LogLevel.Warning, Message = "Purge of {Sweeper} skipped: {Reason}")]
    public static partial void SweepFailed(ILogger logger, string sweeper, string reason);
}
