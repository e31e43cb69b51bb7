using Microsoft.Extensions.Logging;

namespace CampaignMcp.Sessions;

/// <summary>Session listing and revocation, ids 1951-1969.</summary>
public static partial class SessionLog
{
    [LoggerMessage(EventId = 1951, Level = LogLevel.Information, Message = "Revoked session {SessionId} of user {UserName} ({User}) and client {ClientId}, by {By} from {RemoteAddress}")]
    public static partial void Revoked(ILogger logger, string sessionId, string userName, string user, string clientId, string by, string remoteAddress);

    [LoggerMessage(EventId = 1952, Level = LogLevel.Information, Message = "Sessions listed by {By} from {RemoteAddress}: {Count}")]
    public static partial void Listed(ILogger logger, string by, string remoteAddress, int count);

    [LoggerMessage(EventId = 1953, Level = LogLevel.Information, Message = "Signed in to the sessions page with the identity provider: {By} from {RemoteAddress}")]
    public static partial void PageSignedIn(ILogger logger, string by, string remoteAddress);
}
