using CampaignMcp.Campaigns;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Mcp;

/// <summary>
/// <c>GET /.well-known/oauth-protected-resource[/api/v1/mcp]</c> (RFC 9728 §3): the MCP endpoint as
/// a protected resource, this app as its authorization server, the scopes it understands.
/// </summary>
public sealed class ProtectedResourceMetadataEndpoint(TokenSettings settings) : IHttpEndpoint
{
    private readonly ProtectedResourceMetadata metadata = new(settings.Audience, [settings.Issuer], Scopes.All, ["header"], "Campaign MCP");

    public string Surface => "resource-metadata";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Get;

    public Task<IResult> HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Task.FromResult<IResult>(TypedResults.Json(metadata, ProtectedResourceJsonContext.Default.ProtectedResourceMetadata));
    }

    public IResult Failure(int statusCode, string code, string message) =>
        ApiResults.Failure(statusCode, code, message);
}
