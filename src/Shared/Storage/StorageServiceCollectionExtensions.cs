using CampaignMcp.Campaigns;
using CampaignMcp.TokenState;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignMcp.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The stores: embedded (in memory) unless configured otherwise. Registrations made earlier win (tests).</summary>
    public static IServiceCollection AddCampaignMcpStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ICampaignStore, InMemoryCampaignStore>();
        services.TryAddSingleton<IRefreshTokenStore, InMemoryRefreshTokenStore>();
        services.TryAddSingleton<IRevokedTokenStore, InMemoryRevokedTokenStore>();
        services.TryAddSingleton<IFailedAttemptStore, InMemoryFailedAttemptStore>();
        return services;
    }
}
