using CampaignMcp.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignMcp.Hosting;

public static class HealthServiceCollectionExtensions
{
    /// <summary>The health endpoint and its storage probe (a probe registered earlier wins: tests).</summary>
    public static IServiceCollection AddHealthServices(this IServiceCollection services)
    {
        services.TryAddSingleton<StorageHealthProbe>();
        services.AddSingleton<HealthEndpoint>();
        return services;
    }
}
