using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tokens.Audit;

/// <summary>
/// Authentication and authorization events, ids 1000-1099. They carry the user (<see cref="AuditedUser"/>), the client
/// id, the reason and the remote address, never a token, key or secret.
/// </summary>
public static partial class AuthLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Authentication failed on {Surface}: {Reason} (user {User}, client {ClientId}, remote {RemoteAddress})")]
    public static partial void AuthenticationFailed(ILogger logger, string surface, string reason, string user, string? clientId, string remoteAddress);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Authorization denied on {Surface}: {Reason} (user {User}, client {ClientId}, remote {RemoteAddress})")]
    public static partial void AuthorizationDenied(ILogger logger, string surface, string reason, string user, string? clientId, string remoteAddress);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Issued token {TokenId} ({Grant}) to client {ClientId} for user {User} with scopes {Scopes}, valid {LifetimeSeconds}s")]
    public static partial void TokenIssued(ILogger logger, string grant, string tokenId, string clientId, string user, string scopes, long lifetimeSeconds);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Issued token {TokenId} ({Grant}) to user {UserName} ({User}) through client {ClientId} (admitted as {ClientEntry}) with scopes [{Scopes}], lifetime {LifetimeSeconds}s")]
    public static partial void TokenIssuedToUser(ILogger logger, string grant, string tokenId, string userName, string user, string clientId, string clientEntry, string scopes, long lifetimeSeconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Refused {Surface}: the server is misconfigured ({Problems})")]
    public static partial void RefusedMisconfigured(ILogger logger, string surface, string problems);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Refused {Surface} with 429: too many failed API-key attempts by {LimitedBy} (client {ClientId}, remote {RemoteAddress}); retry after {RetryAfterSeconds}s")]
    public static partial void LockedOut(ILogger logger, string surface, string limitedBy, string? clientId, string remoteAddress, long retryAfterSeconds);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Refresh token reused: revoked family {FamilyId} of client {ClientId} and user {User} (remote {RemoteAddress})")]
    public static partial void RefreshReuseDetected(ILogger logger, string familyId, string clientId, string user, string remoteAddress);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Refresh token of family {FamilyId} of client {ClientId} and user {User} presented again within the grace window: same successor re-issued (remote {RemoteAddress})")]
    public static partial void RefreshRetried(ILogger logger, string familyId, string clientId, string user, string remoteAddress);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Revoked {TokenType} {Id} of client {ClientId} and user {User} (remote {RemoteAddress})")]
    public static partial void Revoked(ILogger logger, string tokenType, string id, string clientId, string user, string remoteAddress);
}
