using Microsoft.Extensions.Logging;

namespace CampaignMcp.Http;

/// <summary>HTTP surface events, ids 1200-1299.</summary>
public static partial class HttpLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Unhandled error on surface {Surface} ({Method})")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string surface, string method);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Storage unavailable on surface {Surface}: {Reason}; answered 503")]
    public static partial void StorageUnavailable(ILogger logger, string surface, string reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Request body refused on surface {Surface}: {Reason}; answered {StatusCode}")]
    public static partial void BadRequestBody(ILogger logger, string surface, int statusCode, string reason);
}
