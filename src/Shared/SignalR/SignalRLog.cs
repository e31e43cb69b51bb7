using Microsoft.Extensions.Logging;

namespace CampaignMcp.SignalR;

/// <summary>SignalR Service events, ids 1400-1499.</summary>
public static partial class SignalRLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "SignalR connection {ConnectionId} {Event} (user {User}, client {ClientId})")]
    public static partial void ConnectionEvent(ILogger logger, string connectionId, string @event, string user, string? clientId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Upstream call refused: {Reason} (connection {ConnectionId}, user {User}, client {ClientId})")]
    public static partial void UpstreamRefused(ILogger logger, string reason, string? connectionId, string user, string? clientId);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Could not deliver a server message to connection {ConnectionId}")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Negotiated SignalR connection for client {ClientId} and user {User}, valid {LifetimeSeconds}s")]
    public static partial void Negotiated(ILogger logger, string clientId, string user, long lifetimeSeconds);
}
