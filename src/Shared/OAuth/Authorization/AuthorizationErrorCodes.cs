namespace CampaignMcp.OAuth.Authorization;

/// <summary>Error codes of the authorization endpoint beyond the token endpoint's (RFC 6749 §4.1.2.1, RFC 8707 §2).</summary>
public static class AuthorizationErrorCodes
{
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string AccessDenied = "access_denied";
    public const string InvalidTarget = "invalid_target";
}
