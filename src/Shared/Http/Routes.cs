namespace CampaignMcp.Http;

/// <summary>
/// Every HTTP route, relative to the host (host.json sets <c>routePrefix</c> to empty so that the
/// original's <c>/api/v1/...</c> paths and root <c>/.well-known/...</c> URIs can both exist).
/// Function triggers and the local host both read these constants.
/// </summary>
public static class Routes
{
    public const string Health = "api/v1/mcp/health";
    public const string Token = "api/v1/mcp/auth/token";
    public const string Refresh = "api/v1/mcp/auth/refresh";
    public const string Revoke = "api/v1/mcp/auth/revoke";

    /// <summary>The OAuth 2.0 surface for standard clients (RFC 6749 token endpoint, RFC 7009 revocation).</summary>
    public const string OAuthToken = "api/v1/mcp/oauth/token";
    public const string OAuthRevoke = "api/v1/mcp/oauth/revoke";
    public const string OAuthAuthorize = "api/v1/mcp/oauth/authorize";

    /// <summary>Where the organization's identity provider returns the browser after sign-in.</summary>
    public const string OAuthIdentityProviderCallback = "api/v1/mcp/oauth/idp-callback";

    /// <summary>Sessions (refresh families): the JSON list and revocation, and the operator's page.</summary>
    public const string Sessions = "api/v1/mcp/sessions";
    public const string SessionsPage = "api/v1/mcp/sessions/manage";

    /// <summary>RFC 7591 Dynamic Client Registration.</summary>
    public const string OAuthRegister = "api/v1/mcp/oauth/register";

    /// <summary>RFC 8414 §3: the issuer has no path, so the metadata lives at the root well-known URI.</summary>
    public const string AuthorizationServerMetadata = ".well-known/oauth-authorization-server";

    /// <summary>MCP Streamable HTTP endpoint; also the protected resource (token audience).</summary>
    public const string Mcp = "api/v1/mcp";

    /// <summary>The SignalR client's base URL; the client appends <c>/negotiate</c>.</summary>
    public const string SignalRHub = "api/v1/mcp/signalr";
    public const string SignalRNegotiate = SignalRHub + "/negotiate";

    /// <summary>The upstream URL template's path: Azure SignalR Service fills in hub, category and event.</summary>
    public const string SignalRUpstream = SignalRHub + "/upstream/{hub}/{category}/{event}";

    /// <summary>RFC 9728 §3: the root well-known URI, and its form suffixed with the resource's path.</summary>
    public const string ProtectedResourceMetadata = ".well-known/oauth-protected-resource";
    public const string ProtectedResourceMetadataForMcp = ".well-known/oauth-protected-resource/" + Mcp;
}
