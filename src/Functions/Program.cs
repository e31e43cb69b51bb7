using CampaignMcp.Functions.Hosting;
using CampaignMcp.Functions.Telemetry;
using CampaignMcp.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Logging.AddCampaignMcpWorkerLogging();
builder.Services.AddCampaignMcp(builder.Configuration);

// Telemetry to Application Insights through the managed identity named by APPLICATIONINSIGHTS_AUTHENTICATION_STRING.
builder.Services.AddAzureMonitorTelemetry(builder.Configuration);

builder.Build().Run();
