using CampaignMcp.Http;
using CampaignMcp.OAuth;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Api;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Audit;
using CampaignMcp.Tokens.ClientAuthentication;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Hosting;

public static class TokenServiceCollectionExtensions
{
    /// <summary>Signing, issuing, validating, revocation, the API key and its attempt limit, grants and the audit trail.</summary>
    public static IServiceCollection AddTokenServices(this IServiceCollection services)
    {
        services.AddSingleton<SigningKey>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<ApiKeyAttemptLimiter>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<RevocationList>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddMetrics();
        services.AddSingleton<AuthMetrics>();
        services.AddSingleton<AuditedClientId>();
        services.AddSingleton<AuthAudit>();
        services.AddSingleton<RefreshSuccessor>();
        services.AddSingleton<TokenGrants>();
        return services;
    }

    /// <summary>The token surfaces: the original's JSON endpoints and the OAuth 2.0 ones, over the shared HTTP pipeline.</summary>
    public static IServiceCollection AddTokenEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<CorsPolicy>();
        services.AddSingleton<HttpEndpointPipeline>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<RefreshEndpoint>();
        services.AddSingleton<RevokeEndpoint>();
        services.AddSingleton<OAuthTokenEndpoint>();
        services.AddSingleton<OAuthRevokeEndpoint>();
        services.AddSingleton<AuthorizationServerMetadataEndpoint>();
        return services;
    }
}
