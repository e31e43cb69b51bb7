using Microsoft.Extensions.Logging;

namespace CampaignMcp.Mcp;

/// <summary>MCP dispatch events, ids 1300-1399.</summary>
public static partial class McpLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Tool {Tool} failed for {Caller}")]
    public static partial void ToolFailed(ILogger logger, Exception exception, string tool, string caller);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "{Surface}: {Method} by {Caller}")]
    public static partial void Dispatched(ILogger logger, string surface, string method, string caller);

    [LoggerMessage(EventId = 1515, Level = LogLevel.Warning, Message = "Tool {Tool} could not reach storage for {Caller}: {Reason}")]
    public static partial void ToolStorageUnavailable(ILogger logger, string tool, string caller, string reason);

    [LoggerMessage(EventId = 1516, Level = LogLevel.Warning, Message = "MCP {Method} could not reach storage for {Caller}: {Reason}")]
    public static partial void McpStorageUnavailable(ILogger logger, string method, string caller, string reason);
}
