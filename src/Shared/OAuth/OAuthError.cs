using System.Text.Json.Serialization;

namespace CampaignMcp.OAuth;

/// <summary>RFC 6749 §5.2 error response.</summary>
public sealed record OAuthError(string Error, [property: JsonPropertyName("error_description")] string ErrorDescription);

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

/// <summary>RFC 6749 §5.1 successful response; <c>refresh_token</c> only for the refresh grant.</summary>
public sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken);
