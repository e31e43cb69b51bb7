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
}
