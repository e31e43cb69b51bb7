using Microsoft.Extensions.Logging;

namespace CampaignMcp.Logging;

/// <summary>HTTP surface events, ids 1200-1299.</summary>
public static partial class HttpLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Unhandled error on surface {Surface} ({Method})")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string surface, string method);
}
