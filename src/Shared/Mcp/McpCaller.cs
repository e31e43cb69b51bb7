using System.Security.Claims;
using CampaignMcp.Tokens;

namespace CampaignMcp.Mcp;

/// <summary>
/// Carries the authorized <see cref="McpPrincipal"/> through the SDK, which hands handlers a
/// <see cref="ClaimsPrincipal"/> (<c>RequestContext.User</c>).
/// </summary>
public sealed class McpCaller(McpPrincipal principal) : ClaimsPrincipal(new ClaimsIdentity([new Claim("client_id", principal.ClientId)], "mcp"))
{
    public McpPrincipal Principal { get; } = principal;

    public static McpPrincipal Of(ClaimsPrincipal? user) =>
        (user as McpCaller)?.Principal ?? throw new InvalidOperationException("An MCP handler ran without an authorized caller.");
}
