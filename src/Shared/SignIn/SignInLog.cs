using Microsoft.Extensions.Logging;

namespace CampaignMcp.SignIn;

/// <summary>Sign-in with the organization's identity provider, ids 1901-1949. Never a code, token, state or secret.</summary>
public static partial class SignInLog
{
    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Sign-in methods: {Methods}; identity provider {Issuer} ({DisplayName}), client authentication {ClientAuthentication}")]
    public static partial void Configured(ILogger logger, string methods, string issuer, string displayName, string clientAuthentication);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Error, Message = "The identity provider {Issuer} could not be used: {Reason}")]
    public static partial void ProviderUnreachable(ILogger logger, string issuer, string reason);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Information, Message = "Sign-in sent to the identity provider for client {ClientId} from {RemoteAddress}")]
    public static partial void SentToProvider(ILogger logger, string clientId, string remoteAddress);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Information, Message = "User {User} ({Subject}) signed in for client {ClientId}; granted {Granted}; not granted {NotGranted}; from {RemoteAddress}")]
    public static partial void SignedIn(ILogger logger, string user, string subject, string clientId, string granted, string notGranted, string remoteAddress);

    [LoggerMessage(EventId = 1905, Level = LogLevel.Warning, Message = "Sign-in refused for client {ClientId}: {Reason}; user {User}; from {RemoteAddress}")]
    public static partial void Refused(ILogger logger, string clientId, string reason, string user, string remoteAddress);

    [LoggerMessage(EventId = 1906, Level = LogLevel.Warning, Message = "Identity-provider callback refused: {Reason}; from {RemoteAddress}")]
    public static partial void CallbackRefused(ILogger logger, string reason, string remoteAddress);
}
