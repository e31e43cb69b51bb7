using Microsoft.Extensions.Logging;

namespace CampaignMcp.OAuth.Authorization;

internal static partial class AuthorizationLog
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Sign-in approved by user {User}: OAuth client {OAuthClientId} admitted as {AllowedClient}, returning to {RedirectHost}, scopes {Scopes} (remote {RemoteAddress})")]
    public static partial void Approved(ILogger logger, string user, string oAuthClientId, string allowedClient, string redirectHost, string scopes, string remoteAddress);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Sign-in denied by user {User} for OAuth client {OAuthClientId} (remote {RemoteAddress})")]
    public static partial void Denied(ILogger logger, string user, string oAuthClientId, string remoteAddress);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Sign-in refused before a trusted redirect: {Reason} (remote {RemoteAddress})")]
    public static partial void Refused(ILogger logger, string reason, string remoteAddress);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Warning, Message = "Authorization code presented again: revoked refresh family {FamilyId} issued with it (OAuth client {OAuthClientId}, user {User})")]
    public static partial void CodeReplayed(ILogger logger, string familyId, string oAuthClientId, string user);
}
