namespace CampaignMcp.Hosting;

/// <summary>Function names, as they appear in the portal, logs and <c>functions.metadata</c>.</summary>
public static class FunctionNames
{
    public const string Health = "Health";
    public const string IssueToken = "IssueToken";
    public const string RefreshToken = "RefreshToken";
    public const string RevokeToken = "RevokeToken";
    public const string OAuthToken = "OAuthToken";
    public const string OAuthRevoke = "OAuthRevoke";
    public const string OAuthRegister = "OAuthRegister";
    public const string OAuthAuthorize = "OAuthAuthorize";
    public const string OAuthIdentityProviderCallback = "OAuthIdentityProviderCallback";
    public const string Sessions = "Sessions";
    public const string SessionsPage = "SessionsPage";
    public const string AuthorizationServerMetadata = "AuthorizationServerMetadata";
    public const string Mcp = "Mcp";
    public const string ProtectedResourceMetadata = "ProtectedResourceMetadata";
    public const string ProtectedResourceMetadataForMcp = "ProtectedResourceMetadataForMcp";
    public const string SignalRNegotiate = "SignalRNegotiate";
    public const string SignalRMessages = "SignalRMessages";
}
