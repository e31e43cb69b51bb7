using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// Logs an SDK event caused by an expected protocol error at information level (warning for storage outages),
/// without the exception: the JSON-RPC error the caller gets already says what happened.
/// </summary>
public sealed class ExpectedErrorLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) || (logLevel >= LogLevel.Warning && inner.IsEnabled(LogLevel.Information));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning && Expected(exception) is { } level)
        {
            inner.Log(level, eventId, state, null, formatter);
            return;
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }

    /// <summary>The level for an exception that answers the caller rather than reports a fault; null for a fault.</summary>
    private static LogLevel? Expected(Exception? exception) => exception switch
    {
        McpProtocolException { ErrorCode: McpErrorCodes.StorageUnavailable } => LogLevel.Warning,
        McpProtocolException => LogLevel.Information,
        JsonException => LogLevel.Information,
        _ => null,
    };
}
