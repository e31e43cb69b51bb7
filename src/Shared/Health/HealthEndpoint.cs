using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Serialization;
using CampaignMcp.SignalR;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Health;

/// <summary><c>GET /api/v1/mcp/health</c>: anonymous; 200 when healthy, 503 when misconfigured, with the reasons.</summary>
public sealed class HealthEndpoint(AuthSettings settings, SignalRSettings signalR, SignalRConnectionCounter connections, AppInfo app) : IHttpEndpoint
{
    public const string Healthy = "healthy";
    public const string Misconfigured = "misconfigured";

    public string Surface => "health";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Get;

    public Task<IResult> HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        var report = Build();
        var status = report.Status == Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return Task.FromResult<IResult>(TypedResults.Json(report, SharedJsonContext.Default.HealthReport, statusCode: status));
    }

    public HealthReport Build() => new(
        settings.IsServiceable ? Healthy : Misconfigured,
        app.Version,
        settings.IsProduction ? "production" : "development",
        app.UptimeSeconds,
        new AuthHealth(
            settings.AuthEnabled,
            settings.IsServiceable,
            settings.Issues.Select(issue => issue.Message).ToArray(),
            settings.Warnings,
            settings.UsesGeneratedDevelopmentCredentials ? "generated_for_development" : settings.IsServiceable ? "configured" : "missing",
            (long)settings.TokenLifetime.TotalSeconds,
            settings.AllowedClientList,
            settings.CorsOrigins,
            settings.Issuer,
            settings.Audience),
        new SignalRHealth(signalR.Mode, signalR.Endpoint?.DisplayName, HubContract.HubName, connections.Opened, connections.Closed));

    public IResult Failure(int statusCode, string code, string message) =>
        TypedResults.Json(new ApiFailure(new ApiError(code, message)), SharedJsonContext.Default.ApiFailure, statusCode: statusCode);
}
