namespace CampaignMcp.OAuth;

/// <summary>RFC 6749 §5.2 and §4.4.3 / §6 error codes.</summary>
public static class OAuthErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string InvalidScope = "invalid_scope";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary>Not in RFC 6749 §5.2 (registered for the authorization endpoint): used with 429 and 503, which carry Retry-After.</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string ServerError = "server_error";
}
