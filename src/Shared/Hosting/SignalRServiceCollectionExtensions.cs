using CampaignMcp.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CampaignMcp.Hosting;

public static class SignalRServiceCollectionExtensions
{
    /// <summary>The Azure SignalR Service serverless protocol: negotiate, the upstream message handler and the REST client.</summary>
    public static IServiceCollection AddSignalRServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignalRSettingsSource>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignalRSettingsSource>, SignalRSettingsValidator>();
        services.AddSingleton(provider => SignalRSettings.Resolve(provider.GetRequiredService<IOptions<SignalRSettingsSource>>().Value));
        // The local host's Entra mode registers its own first.
        services.TryAddSingleton<ISignalRCredentialFactory, AzureIdentityCredentialFactory>();
        services.AddSingleton<SignalRSigningKeys>();
        services.AddSingleton<SignalRAccessTokens>();
        services.AddSingleton<UpstreamTokenValidator>();
        services.AddHttpClient(UpstreamTokenValidator.HttpClientName).AddStandardResilienceHandler();
        services.AddSingleton<McpTokenBinding>();
        services.AddSingleton<SignalRConnectionCounter>();
        services.AddHttpClient(SignalRRestClient.HttpClientName).AddStandardResilienceHandler(resilience =>
        {
            // A resent :send would deliver a notification twice; a progress message is not worth a long wait.
            resilience.Retry.DisableForUnsafeHttpMethods();
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
        });
        services.AddSingleton<ISignalRServiceClient, SignalRRestClient>();
        services.AddSingleton<NegotiateEndpoint>();
        services.AddSingleton<UpstreamEndpoint>();
        return services;
    }
}
