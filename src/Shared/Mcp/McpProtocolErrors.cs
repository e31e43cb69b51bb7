using System.Text.Json.Nodes;
using CampaignMcp.Storage;
using ModelContextProtocol;

namespace CampaignMcp.Mcp;

/// <summary>Protocol errors this server raises in more than one place.</summary>
public static class McpProtocolErrors
{
    private const string RetryAfterSeconds = "retry_after_seconds";

    /// <summary>
    /// A store that does not answer is neither the caller's mistake (an <c>isError</c> tool result would invite
    /// the model to change its arguments) nor a bug: it is a JSON-RPC error with our code and when to retry.
    /// The SDK sends an <see cref="McpProtocolException"/>'s code, message and data as they are; any other
    /// exception from a handler would become a generic -32603 "An error occurred."
    /// </summary>
    public static McpProtocolException StorageUnavailable(StorageUnavailableException exception)
    {
        var seconds = (int)Math.Ceiling(exception.RetryAfter.TotalSeconds);
        return new McpProtocolException($"Storage unavailable, retry in {seconds} seconds", exception, McpErrorCodes.StorageUnavailable)
        {
            Data = { [RetryAfterSeconds] = seconds },
        };
    }

    /// <summary>The <c>error.data</c> the SDK would send for <paramref name="exception"/> (only our retry hint carries data).</summary>
    public static JsonNode? DataOf(McpProtocolException exception) =>
        exception.Data[RetryAfterSeconds] is int seconds ? new JsonObject { [RetryAfterSeconds] = seconds } : null;
}
