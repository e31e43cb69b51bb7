using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Refresh;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.OAuth;

/// <summary>
/// <c>GET /.well-known/oauth-authorization-server</c> (RFC 8414 §3): where to sign in, register, get and revoke tokens. The
/// issuer is the one named in the MCP endpoint's Protected Resource Metadata and in every token's <c>iss</c>.
/// </summary>
public sealed class AuthorizationServerMetadataEndpoint(DeploymentSettings deployment, TokenSettings tokens, RefreshSettings refresh) : IHttpEndpoint
{
    private readonly AuthorizationServerMetadata metadata = new(
        tokens.Issuer,
        $"{deployment.PublicBaseUrl}/{Routes.OAuthAuthorize}",
        $"{deployment.PublicBaseUrl}/{Routes.OAuthToken}",
        $"{deployment.PublicBaseUrl}/{Routes.OAuthRegister}",
        $"{deployment.PublicBaseUrl}/{Routes.OAuthRevoke}",
        ["code"],
        refresh.Enabled ? OAuthTokenEndpoint.GrantTypes : [Authorization.AuthorizationCodeGrant.GrantType, OAuthTokenEndpoint.ClientCredentialsGrant],
        ["S256"],
        // none: public clients with PKCE (authorization_code, refresh_token); the secrets: client_credentials.
        ["none", "client_secret_basic", "client_secret_post"],
        ["none", "client_secret_basic", "client_secret_post"],
        Scopes.All,
        ClientIdMetadataDocumentSupported: true,
        AuthorizationResponseIssParameterSupported: true);

    public string Surface => "authorization-server-metadata";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Get;

    public Task<IResult> HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Task.FromResult<IResult>(TypedResults.Json(metadata, OAuthJsonContext.Default.AuthorizationServerMetadata));
    }

    public IResult Failure(int statusCode, string code, string message) => OAuthResponses.Error(statusCode, code, message);
}
