using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Mcp;

/// <summary>
/// <c>GET /.well-known/oauth-protected-resource[/api/v1/mcp]</c> (RFC 9728 §3): the MCP endpoint as
/// a protected resource, this app as its authorization server, the scopes it understands.
/// </summary>
public sealed class ProtectedResourceMetadataEndpoint(TokenSettings settings, DeploymentSettings deployment) : IHttpEndpoint
{
    private readonly ProtectedResourceMetadata metadata = new(settings.Audience, [settings.Issuer], Scopes.All, ["header"], "Campaign MCP");

    // Only the audience derived from the public URL has loopback aliases; MCP_JWT_AUDIENCE is answered as set.
    private readonly bool derivedAudience = settings.Audience == deployment.PublicBaseUrl + TokenSettings.McpResourcePath;

    public string Surface => "resource-metadata";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Get;

    public Task<IResult> HandleAsync(HttpContext context)
    {
        var baseUrl = LoopbackAlias.BaseUrlFor(context.Request, deployment);
        var answer = derivedAudience && baseUrl != deployment.PublicBaseUrl ? metadata with { Resource = baseUrl + TokenSettings.McpResourcePath } : metadata;
        // An alias answer depends on Host: caches must not hand it to a client that used the other name.
        context.Response.Headers.CacheControl = ReferenceEquals(answer, metadata) ? "public, max-age=3600" : "no-store";
        return Task.FromResult<IResult>(TypedResults.Json(answer, ProtectedResourceJsonContext.Default.ProtectedResourceMetadata));
    }

    public IResult Failure(int statusCode, string code, string message) =>
        ApiResults.Failure(statusCode, code, message);
}
