using CampaignMcp.OAuth.Authorization;
using CampaignMcp.Sessions;
using CampaignMcp.SignIn;
using CampaignMcp.Tokens.Refresh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignMcp.Hosting;

public static class SignInServiceCollectionExtensions
{
    /// <summary>
    /// Sign-in with the organization's OpenID Connect provider and its callback endpoint; sessions and their endpoints. The state store is chosen
    /// with the other stores (<c>AddCampaignMcpStorage</c>).
    /// </summary>
    public static IServiceCollection AddIdentityProviderSignIn(this IServiceCollection services)
    {
        services.AddHttpClient(IdentityProviderClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton<ClientAssertionSource>();
        services.TryAddSingleton<IdentityProviderClient>();
        services.TryAddSingleton<SignInAccessPolicy>();
        services.TryAddSingleton<IdentitySignIn>();
        services.TryAddSingleton<IdentityProviderCallbackEndpoint>();
        services.TryAddSingleton(provider => (IRefreshFamilyDirectory)provider.GetRequiredService<IRefreshTokenStore>());
        services.TryAddSingleton<SessionDirectory>();
        services.TryAddSingleton<SessionCallers>();
        services.TryAddSingleton<OperatorCookie>();
        services.TryAddSingleton<SessionsEndpoint>();
        services.TryAddSingleton<SessionsPageEndpoint>();
        return services;
    }
}
