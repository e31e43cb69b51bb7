using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CampaignMcp.Tokens.Audit;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace CampaignMcp.Functions.Telemetry;

/// <summary>
/// The worker's logs, traces and auth counters (AuthMetrics) to Application Insights when the app has one
/// (host.json's telemetryMode is OpenTelemetry). The exporter does not read
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> itself, and an Application Insights resource with local
/// auth disabled (Entra-only ingestion, as infra/ deploys it) refuses telemetry sent without a token; so the
/// worker reads that setting, exactly as the host does for its own telemetry, and hands the exporter the
/// managed identity it names.
/// https://learn.microsoft.com/azure/azure-functions/opentelemetry-howto
/// https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication
/// </summary>
public static class AzureMonitorTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddAzureMonitorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            return services;
        }

        var credential = Credential(configuration[AuthenticationStringSetting]);
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(AuthMetrics.MeterName))
            .UseAzureMonitorExporter(options => options.Credential = credential);
        return services;
    }

    /// <summary>
    /// The credential <paramref name="authenticationString"/> asks for: <c>Authorization=AAD</c> means the
    /// system-assigned identity, <c>ClientId=…;Authorization=AAD</c> the user-assigned one with that client id.
    /// Null when the setting is unset (instrumentation-key ingestion, for resources that still allow it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting holds something else; the message names it.</exception>
    public static TokenCredential? Credential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        string? authorization = null;
        string? clientId = null;
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                authorization = pair[1];
            }
            else if (pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase) && pair[1].Length > 0)
            {
                clientId = pair[1];
            }
            else
            {
                throw Invalid();
            }
        }

        if (!string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid();
        }

        return new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));

        // Never echoes the value: the message says which forms are understood.
        static InvalidOperationException Invalid() => new(
            $"{AuthenticationStringSetting} must be 'Authorization=AAD' (system-assigned identity) or 'ClientId=<client id>;Authorization=AAD' (user-assigned identity)");
    }
}
