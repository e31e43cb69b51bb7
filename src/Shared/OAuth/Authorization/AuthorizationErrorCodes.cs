namespace CampaignMcp.OAuth.Authorization;

/// <summary>Error codes of the authorization endpoint and its grant (RFC 6749 §4.1.2.1, §5.2, RFC 8707 §2).</summary>
public static class AuthorizationErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string AccessDenied = "access_denied";
    public const string InvalidTarget = "invalid_target";
}
