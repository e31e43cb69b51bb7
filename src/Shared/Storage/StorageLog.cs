using Microsoft.Extensions.Logging;

namespace CampaignMcp.Storage;

/// <summary>
/// Storage events, ids 1510-1599 of the 1500-1599 block (the local host's SignalR stand-in already logs 1501
/// and 1502). They name the endpoint host, never a connection string or key.
/// </summary>
public static partial class StorageLog
{
    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Stores: {Store}{Where}")]
    public static partial void Selected(ILogger logger, string store, string where);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Information, Message = "Created table {Table} on {Endpoint}")]
    public static partial void TableCreated(ILogger logger, string table, string endpoint);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Warning, Message = "Table Storage at {Endpoint} is unavailable: {Reason}")]
    public static partial void Unavailable(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 1513, Level = LogLevel.Warning, Message = "Table {Table} was missing on {Endpoint}; creating it again")]
    public static partial void TableMissing(ILogger logger, string table, string endpoint);

    [LoggerMessage(EventId = 1514, Level = LogLevel.Warning, Message = "Could not purge expired revocations: {Reason}")]
    public static partial void PurgeFailed(ILogger logger, string reason);
}
