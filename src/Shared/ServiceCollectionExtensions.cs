using CampaignMcp.Auth;
using CampaignMcp.Configuration;
using CampaignMcp.Health;
using CampaignMcp.Http;
using CampaignMcp.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CampaignMcp;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the functions need, for the Functions worker and the local host alike.</summary>
    public static IServiceCollection AddCampaignMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuthSettingsSource>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthSettingsSource>, AuthSettingsValidator>();
        services.AddSingleton(provider => AuthSettings.Resolve(provider.GetRequiredService<IOptions<AuthSettingsSource>>().Value));
        services.AddHostedService<StartupReport>();

        services.AddSingleton<AppInfo>();
        services.AddSingleton<SigningKey>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccessTokenValidator>();

        services.AddSingleton<CorsPolicy>();
        services.AddSingleton<HttpEndpointPipeline>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<HealthEndpoint>();
        return services;
    }
}
