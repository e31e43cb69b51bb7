using Microsoft.Extensions.Logging;

namespace CampaignMcp.Health;

/// <summary>Health probe events (ids kept from the storage range they were first given).</summary>
public static partial class HealthLog
{
    [LoggerMessage(EventId = 1517, Level = LogLevel.Warning, Message = "Storage health probe of {Endpoint} failed: {Reason}")]
    public static partial void ProbeFailed(ILogger logger, string endpoint, string reason);
}
