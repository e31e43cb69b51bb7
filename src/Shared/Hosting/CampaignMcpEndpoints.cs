using CampaignMcp.Health;
using CampaignMcp.Http;
using CampaignMcp.Mcp;
using CampaignMcp.OAuth;
using CampaignMcp.OAuth.Authorization;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.Sessions;
using CampaignMcp.SignalR;
using CampaignMcp.Tokens.Api;

namespace CampaignMcp.Hosting;

/// <summary>
/// Every HTTP function of the app, in one place: the function classes in src/Functions declare these
/// names and routes in their attributes, and the local host maps this list. Lives in Hosting, the
/// top layer, because it names an endpoint of every feature.
/// </summary>
public static class CampaignMcpEndpoints
{
    public static IReadOnlyList<CampaignMcpEndpoint> All { get; } =
    [
        Anonymous<HealthEndpoint>(FunctionNames.Health, Routes.Health),
        Anonymous<TokenEndpoint>(FunctionNames.IssueToken, Routes.Token),
        Anonymous<RefreshEndpoint>(FunctionNames.RefreshToken, Routes.Refresh),
        Anonymous<RevokeEndpoint>(FunctionNames.RevokeToken, Routes.Revoke),
        Anonymous<OAuthTokenEndpoint>(FunctionNames.OAuthToken, Routes.OAuthToken),
        Anonymous<OAuthRevokeEndpoint>(FunctionNames.OAuthRevoke, Routes.OAuthRevoke),
        Anonymous<ClientRegistrationEndpoint>(FunctionNames.OAuthRegister, Routes.OAuthRegister),
        Anonymous<AuthorizationEndpoint>(FunctionNames.OAuthAuthorize, Routes.OAuthAuthorize),
        Anonymous<IdentityProviderCallbackEndpoint>(FunctionNames.OAuthIdentityProviderCallback, Routes.OAuthIdentityProviderCallback),
        Anonymous<SessionsEndpoint>(FunctionNames.Sessions, Routes.Sessions),
        Anonymous<SessionsPageEndpoint>(FunctionNames.SessionsPage, Routes.SessionsPage),
        Anonymous<AuthorizationServerMetadataEndpoint>(FunctionNames.AuthorizationServerMetadata, Routes.AuthorizationServerMetadata),
        Anonymous<McpHttpEndpoint>(FunctionNames.Mcp, Routes.Mcp),
        Anonymous<ProtectedResourceMetadataEndpoint>(FunctionNames.ProtectedResourceMetadata, Routes.ProtectedResourceMetadata),
        Anonymous<ProtectedResourceMetadataEndpoint>(FunctionNames.ProtectedResourceMetadataForMcp, Routes.ProtectedResourceMetadataForMcp),
        Anonymous<NegotiateEndpoint>(FunctionNames.SignalRNegotiate, Routes.SignalRNegotiate),
        // The service's upstream URL carries a function key; each call is also verified by its X-ASRS-Signature.
        new(FunctionNames.SignalRMessages, Routes.SignalRUpstream, TriggerMethods: null, typeof(UpstreamEndpoint), CampaignMcpEndpoint.Function),
    ];

    private static CampaignMcpEndpoint Anonymous<TEndpoint>(string functionName, string route)
        where TEndpoint : IHttpEndpoint
        => new(functionName, route, TriggerMethods: null, typeof(TEndpoint), CampaignMcpEndpoint.Anonymous);
}
