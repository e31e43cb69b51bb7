using Azure.Monitor.OpenTelemetry.Exporter;
using CampaignMcp.Hosting;
using CampaignMcp.Tokens.Audit;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCampaignMcp(builder.Configuration);

// Logs, traces and the auth counters (AuthMetrics) to Application Insights when the app has one
// (host.json's telemetryMode is OpenTelemetry); with Entra-only ingestion the platform's
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING makes the exporter use the app's managed identity.
// https://learn.microsoft.com/azure/azure-functions/opentelemetry-howto
if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    builder.Services.AddOpenTelemetry()
        .UseFunctionsWorkerDefaults()
        .WithMetrics(metrics => metrics.AddMeter(AuthMetrics.MeterName))
        .UseAzureMonitorExporter();
}

builder.Build().Run();
