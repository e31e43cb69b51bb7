using CampaignMcp.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the functions need, for the Functions worker and the local host alike: one call per area.</summary>
    public static IServiceCollection AddCampaignMcp(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddCampaignMcpSettings(configuration)
            .AddCampaignMcpStorage(configuration)
            .AddTokenServices()
            .AddTokenEndpoints()
            .AddOAuthClients()
            .AddIdentityProviderSignIn()
            .AddMcpServices()
            .AddSignalRServices(configuration)
            .AddHealthServices();
}
