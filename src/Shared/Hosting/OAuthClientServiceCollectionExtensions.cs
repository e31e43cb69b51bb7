using CampaignMcp.OAuth.Authorization;
using CampaignMcp.OAuth.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignMcp.Hosting;

public static class OAuthClientServiceCollectionExtensions
{
    /// <summary>
    /// The OAuth client registry (Client ID Metadata Documents and Dynamic Client Registration) and the registration
    /// endpoint. The registration store is chosen with the other stores (<c>AddCampaignMcpStorage</c>).
    /// </summary>
    public static IServiceCollection AddOAuthClients(this IServiceCollection services)
    {
        services.TryAddSingleton<ClientMetadataDocumentFetcher>();
        services.TryAddSingleton<OAuthClientRegistry>();
        services.TryAddSingleton<ClientRegistrationLimiter>();
        services.TryAddSingleton<ClientRegistrationEndpoint>();
        services.TryAddSingleton<AllowedOAuthClients>();
        services.TryAddSingleton<SignInFormToken>();
        services.TryAddSingleton<AuthorizationCodeGrant>();
        services.TryAddSingleton<AuthorizationEndpoint>();
        return services;
    }
}
