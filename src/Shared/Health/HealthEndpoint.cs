using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.SignalR;
using CampaignMcp.Tokens;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Health;

/// <summary>
/// <c>GET /api/v1/mcp/health</c>: anonymous; 200 when healthy, 503 when misconfigured or when the store does not
/// answer (degraded), with the reasons.
/// </summary>
public sealed class HealthEndpoint(DeploymentSettings deployment, TokenSettings tokens, CorsSettings cors, ServiceReadiness readiness, SignalRSettings signalR, SignalRSigningKeys signingKeys, SignalRConnectionCounter connections, AppInfo app, StorageHealthProbe storage) : IHttpEndpoint
{
    public const string Healthy = "healthy";
    public const string Misconfigured = "misconfigured";
    public const string Degraded = "degraded";

    public string Surface => "health";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Get;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        var report = await BuildAsync().ConfigureAwait(false);
        var status = report.Status == Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return TypedResults.Json(report, HealthJsonContext.Default.HealthReport, statusCode: status);
    }

    public async Task<HealthReport> BuildAsync()
    {
        var store = await storage.CheckAsync().ConfigureAwait(false);
        return Build(store, await SigningProblemAsync().ConfigureAwait(false));
    }

    /// <summary>With Microsoft Entra authentication, whether a key to sign service tokens can be had (failures are retried at most once a minute).</summary>
    private async Task<string?> SigningProblemAsync()
    {
        if (signalR.Endpoint is not { Auth: not SignalRAuthKind.AccessKey })
        {
            return null;
        }

        try
        {
            await signingKeys.GetAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (SignalRUnavailableException)
        {
            // Its reason is the Problem read below.
        }

        return signingKeys.Problem;
    }

    private HealthReport Build(StorageHealth store, string? signingProblem) => new(
        !readiness.IsServiceable || signalR.Issue is not null ? Misconfigured : store.Reachable && signingProblem is null ? Healthy : Degraded,
        app.Version,
        deployment.IsProduction ? "production" : "development",
        app.UptimeSeconds,
        new AuthHealth(
            tokens.AuthEnabled,
            readiness.IsServiceable,
            readiness.Issues.Select(issue => issue.Message).ToArray(),
            readiness.Warnings,
            tokens.UsesGeneratedDevelopmentCredentials ? "generated_for_development" : readiness.IsServiceable ? "configured" : "missing",
            (long)tokens.TokenLifetime.TotalSeconds,
            tokens.AllowedClientList,
            cors.Origins,
            tokens.Issuer,
            tokens.Audience),
        new SignalRHealth(signalR.Mode, signalR.Endpoint?.DisplayName, HubContract.HubName, connections.Opened, connections.Closed, signalR.Issue?.Message ?? signingProblem, signalR.Endpoint?.AuthMode, signalR.Upstream is not null),
        store);

    public IResult Failure(int statusCode, string code, string message) =>
        ApiResults.Failure(statusCode, code, message);
}
