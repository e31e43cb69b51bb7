namespace CampaignMcp.OAuth.Clients;

/// <summary>RFC 7591 §3.2.2 error codes, plus the RFC 6749 codes the registration endpoint also answers with.</summary>
public static class RegistrationErrorCodes
{
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";
    public const string InvalidRequest = "invalid_request";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string ServerError = "server_error";
}
