using CampaignMcp.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CampaignMcp.Hosting;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>Reads the settings once, registers each area, validates them at start-up and reports them in the log.</summary>
    public static IServiceCollection AddCampaignMcpSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => CampaignMcpSettings.Read(configuration));
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().Deployment);
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().Tokens);
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().Refresh);
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().Lockout);
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().Cors);
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().ClientAddress);
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().OAuthClients);
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().IdentityProvider);
        services.AddSingleton(provider => provider.GetRequiredService<CampaignMcpSettings>().Readiness);
        services.AddOptions<CampaignMcpSettingsValidator.Check>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CampaignMcpSettingsValidator.Check>, CampaignMcpSettingsValidator>();
        services.AddSingleton<AppInfo>();
        services.AddHostedService<StartupReport>();
        return services;
    }
}
