namespace CampaignMcp.Http;

/// <summary>Stable error codes of the REST envelope (documented in docs/api.md).</summary>
public static class ApiErrorCodes
{
    public const string AuthenticationRequired = "AUTH_REQUIRED";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string InvalidScope = "INVALID_SCOPE";
    public const string ClientNotAllowed = "CLIENT_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string RequestTimeout = "REQUEST_TIMEOUT";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string ServerMisconfigured = "SERVER_MISCONFIGURED";
    public const string StorageUnavailable = "STORAGE_UNAVAILABLE";
    public const string TooManyAttempts = "TOO_MANY_ATTEMPTS";
    public const string InvalidGrant = "INVALID_GRANT";
    public const string UnsupportedGrantType = "UNSUPPORTED_GRANT_TYPE";
    public const string InternalError = "INTERNAL_ERROR";
}
