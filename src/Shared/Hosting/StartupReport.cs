using CampaignMcp.Configuration;
using CampaignMcp.SignIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Hosting;

/// <summary>Says at start-up how the app is configured and what is wrong with it (setting names, never values).</summary>
public sealed class StartupReport(CampaignMcpSettings settings, ServiceReadiness readiness, AppInfo app, IConfiguration configuration, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ConfigurationLog.Starting(
            logger,
            app.Version,
            settings.Deployment.IsProduction ? "production" : "development",
            settings.Tokens.AuthEnabled ? "on" : "off",
            (long)settings.Tokens.TokenLifetime.TotalSeconds,
            settings.Tokens.Issuer);
        if (settings.IdentityProvider is { Issuer: { } issuer } provider)
        {
            SignInLog.Configured(logger, provider.Methods.ToString(), issuer, provider.DisplayName, provider.ClientSecret is not null ? "client secret" : "managed identity federated credential");
        }

        if (settings.Tokens.UsesGeneratedDevelopmentCredentials)
        {
            ConfigurationLog.GeneratedDevelopmentCredentials(logger);
        }

        foreach (var setting in KeyVaultReference.UnresolvedSettings(configuration))
        {
            ConfigurationLog.UnresolvedKeyVaultReference(logger, setting);
        }

        foreach (var issue in readiness.Issues)
        {
            ConfigurationLog.Misconfigured(logger, issue.Message);
        }

        foreach (var warning in readiness.Warnings)
        {
            ConfigurationLog.Warning(logger, warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
