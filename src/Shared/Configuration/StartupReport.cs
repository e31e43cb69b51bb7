using CampaignMcp.Health;
using CampaignMcp.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Configuration;

/// <summary>Says at start-up how the app is configured and what is wrong with it (setting names, never values).</summary>
public sealed class StartupReport(AuthSettings settings, AppInfo app, IConfiguration configuration, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ConfigurationLog.Starting(
            logger,
            app.Version,
            settings.IsProduction ? "production" : "development",
            settings.AuthEnabled ? "on" : "off",
            (long)settings.TokenLifetime.TotalSeconds,
            settings.Issuer);
        if (settings.UsesGeneratedDevelopmentCredentials)
        {
            ConfigurationLog.GeneratedDevelopmentCredentials(logger);
        }

        KeyVaultReference.ReportUnresolved(configuration, logger);
        foreach (var issue in settings.Issues)
        {
            ConfigurationLog.Misconfigured(logger, issue.Message);
        }

        foreach (var warning in settings.Warnings)
        {
            ConfigurationLog.Warning(logger, warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
