using CampaignMcp.Configuration;
using CampaignMcp.Hosting;
using CampaignMcp.Tokens;

namespace CampaignMcp.LocalHost;

/// <summary>What a developer needs to start: where it listens, the routes, and the development API key when one was generated.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app, IReadOnlyList<CampaignMcpEndpoint> routes, string routePrefix)
    {
        var settings = app.Services.GetRequiredService<TokenSettings>();
        var deployment = app.Services.GetRequiredService<DeploymentSettings>();
        var readiness = app.Services.GetRequiredService<ServiceReadiness>();
        var baseUrl = app.Urls.FirstOrDefault() ?? LocalServerOptions.DefaultUrl;
        var output = Console.Out;
        output.WriteLine();
        output.WriteLine($"Campaign MCP local host: {baseUrl} ({(deployment.IsProduction ? "production" : "development")}, authorization {(settings.AuthEnabled ? "on" : "off")})");
        var nameWidth = routes.Max(route => route.FunctionName.Length);
        foreach (var route in routes.OrderBy(route => route.Route, StringComparer.Ordinal))
        {
            var methods = route.TriggerMethods is null ? "ANY" : string.Join(",", route.TriggerMethods);
            output.WriteLine($"  {route.FunctionName.PadRight(nameWidth)} {methods,-8} {baseUrl}/{route.PathFor(routePrefix)}");
        }

        var signalR = app.Services.GetRequiredService<CampaignMcp.SignalR.SignalRSettings>();
        output.WriteLine($"  SignalR: {signalR.Mode.Replace('_', ' ')} at {signalR.Endpoint?.DisplayName}; point SignalR clients at {baseUrl}/api/v1/mcp/signalr");

        if (settings.UsesGeneratedDevelopmentCredentials)
        {
            // Shown once, development only: a random key for this process so that curl works with no setup.
            output.WriteLine();
            output.WriteLine($"  Development API key for this run: {settings.ApiKey}");
            output.WriteLine("  (set API_KEY and MCP_JWT_SECRET, or src/Functions/local.settings.json, to choose your own)");
        }

        foreach (var issue in readiness.Issues)
        {
            output.WriteLine($"  MISCONFIGURED: {issue.Message}");
        }

        output.WriteLine();
    }
}
