using Microsoft.Extensions.Logging;

namespace CampaignMcp.Logging;

/// <summary>MCP dispatch events, ids 1300-1399.</summary>
public static partial class McpLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Tool {Tool} failed for client {ClientId}")]
    public static partial void ToolFailed(ILogger logger, Exception exception, string tool, string clientId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "{Surface}: {Method} by {ClientId}")]
    public static partial void Dispatched(ILogger logger, string surface, string method, string clientId);
}
