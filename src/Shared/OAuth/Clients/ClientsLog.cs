using Microsoft.Extensions.Logging;

namespace CampaignMcp.OAuth.Clients;

/// <summary>OAuth client registry events, ids 1700-1749. Client ids and hosts only: these requests carry no secrets.</summary>
public static partial class ClientsLog
{
    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Fetched the client metadata document of {ClientId}; cached for {CacheSeconds}s")]
    public static partial void DocumentFetched(ILogger logger, string clientId, long cacheSeconds);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Refused the client metadata document of {ClientId}: {Reason}")]
    public static partial void DocumentRefused(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Information, Message = "Registered client {ClientId} ({ApplicationType}) for remote {RemoteAddress}")]
    public static partial void ClientRegistered(ILogger logger, string clientId, string applicationType, string remoteAddress);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Refused a client registration from {RemoteAddress}: {Code} {Reason}")]
    public static partial void RegistrationRefused(ILogger logger, string remoteAddress, string code, string reason);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Warning, Message = "Refused a client registration from {RemoteAddress} with 429: {Limit} registrations per hour; retry after {RetryAfterSeconds}s")]
    public static partial void RegistrationLimited(ILogger logger, string remoteAddress, int limit, long retryAfterSeconds);
}
