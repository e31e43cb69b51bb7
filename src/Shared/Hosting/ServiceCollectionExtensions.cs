using CampaignMcp.Configuration;
using CampaignMcp.Health;
using CampaignMcp.Http;
using CampaignMcp.Mcp;
using CampaignMcp.Mcp.Resources;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.OAuth;
using CampaignMcp.SignalR;
using CampaignMcp.Storage.Tables;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Api;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Audit;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignMcp.Hosting;

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
        services.AddMetrics();
        services.AddSingleton<AuthMetrics>();
        services.AddSingleton<AuthAudit>();
        services.AddSingleton<RevocationList>();
        services.AddSingleton<ApiKeyAttemptLimiter>();
        services.AddSingleton<TokenGrants>();

        services.AddSingleton<CorsPolicy>();
        services.AddSingleton<HttpEndpointPipeline>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<RefreshEndpoint>();
        services.AddSingleton<RevokeEndpoint>();
        services.AddSingleton<OAuthTokenEndpoint>();
        services.AddSingleton<OAuthRevokeEndpoint>();
        services.AddSingleton<AuthorizationServerMetadataEndpoint>();
        services.TryAddSingleton<StorageHealthProbe>();
        services.AddSingleton<HealthEndpoint>();

        services.AddCampaignMcpStorage(configuration);
        services.AddSingleton<ICampaignTool, ListCampaignsTool>();
        services.AddSingleton<ICampaignTool, GetCampaignTool>();
        services.AddSingleton<ICampaignTool, CampaignPerformanceTool>();
        services.AddSingleton<ICampaignTool, ExportCampaignsTool>();
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<CampaignResources>();
        services.AddSingleton<CampaignMcpServerOptions>();
        services.AddSingleton<McpAccessPolicy>();
        services.AddSingleton<McpSdkDispatcher>();
        services.AddSingleton<McpRequestProcessor>();
        services.AddSingleton<BearerChallenge>();
        services.AddSingleton<McpHttpEndpoint>();
        services.AddSingleton<ProtectedResourceMetadataEndpoint>();

        services.AddOptions<SignalRSettingsSource>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignalRSettingsSource>, SignalRSettingsValidator>();
        services.AddSingleton(provider => SignalRSettings.Resolve(provider.GetRequiredService<IOptions<SignalRSettingsSource>>().Value));
        services.AddSingleton<SignalRAccessTokens>();
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

        // The SDK logs every request at Information; per-invocation servers make that noise.
        services.Configure<LoggerFilterOptions>(options => options.AddFilter("ModelContextProtocol", LogLevel.Warning));
        return services;
    }
}
