using CampaignMcp.Campaigns;
using CampaignMcp.OAuth.Authorization;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.Storage;
using CampaignMcp.SignIn;
using CampaignMcp.Storage.Purge;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Refresh;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignMcp.Tables;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The stores: embedded (in memory) unless <c>MCP_STORE=table</c>, then Azure Table Storage. Settings are
    /// validated at start-up. Registrations made earlier win (tests).
    /// </summary>
    public static IServiceCollection AddCampaignMcpStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageSettingsSource>().Bind(configuration).PostConfigure(source => source.ReadConnections(configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageSettingsSource>, StorageSettingsValidator>();
        services.AddSingleton(provider => StorageSettings.Resolve(provider.GetRequiredService<IOptions<StorageSettingsSource>>().Value));
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<StorageSettings>();
            return settings.Connection is { } connection
                ? new TableStorage(connection, settings.TablePrefix, provider.GetRequiredService<ILogger<TableStorage>>())
                : throw new InvalidOperationException("Table Storage is not configured (MCP_STORE is not 'table').");
        });
        services.AddSingleton<IStorageProbe>(provider => provider.GetRequiredService<TableStorage>());
        services.AddHostedService<StorageStartup>();

        services.TryAddSingleton(provider => Choose<ICampaignStore>(provider, p => new InMemoryCampaignStore(), p => new TableCampaignStore(p.GetRequiredService<TableStorage>(), new CampaignIndex(p.GetRequiredService<TableStorage>(), p.GetRequiredService<TimeProvider>()))));
        services.TryAddSingleton(provider => Choose<IRefreshTokenStore>(provider, p => new InMemoryRefreshTokenStore(), p => new TableRefreshTokenStore(p.GetRequiredService<TableStorage>())));
        services.TryAddSingleton(provider => Choose<IRevokedTokenStore>(provider, p => new InMemoryRevokedTokenStore(), p => new TableRevokedTokenStore(p.GetRequiredService<TableStorage>(), p.GetRequiredService<ILogger<TableRevokedTokenStore>>())));
        services.TryAddSingleton(provider => Choose<IFailedAttemptStore>(provider, p => new InMemoryFailedAttemptStore(), p => new TableFailedAttemptStore(p.GetRequiredService<TableStorage>())));
        services.TryAddSingleton(provider => Choose<IAuthorizationCodeStore>(provider, p => new InMemoryAuthorizationCodeStore(p.GetRequiredService<TimeProvider>()), p => new TableAuthorizationCodeStore(p.GetRequiredService<TableStorage>())));
        services.TryAddSingleton(provider => Choose<ISignInStateStore>(provider, p => new InMemorySignInStateStore(p.GetRequiredService<TimeProvider>()), p => new TableSignInStateStore(p.GetRequiredService<TableStorage>())));
        services.TryAddSingleton(provider => Choose<IClientRegistrationStore>(provider, p => new InMemoryClientRegistrationStore(), p => new TableClientRegistrationStore(p.GetRequiredService<TableStorage>())));

        // The purge (timer function, local host schedule): one sweeper per table, resolved only with MCP_STORE=table.
        services.TryAddSingleton<ExpiredStatePurge>();
        services.AddSingleton<IExpiredStateSweeper, FailedAttemptSweeper>();
        services.AddSingleton<IExpiredStateSweeper, RevokedTokenSweeper>();
        services.AddSingleton<IExpiredStateSweeper>(p => new RefreshFamilySweeper(new TableRefreshTokenStore(p.GetRequiredService<TableStorage>())));
        services.AddSingleton<IExpiredStateSweeper, CampaignIndexSweeper>();
        services.AddSingleton<IExpiredStateSweeper, AuthorizationCodeSweeper>();
        services.AddSingleton<IExpiredStateSweeper, ClientRegistrationSweeper>();
        return services;
    }

    private static T Choose<T>(IServiceProvider provider, Func<IServiceProvider, T> embedded, Func<IServiceProvider, T> table) =>
        provider.GetRequiredService<StorageSettings>().UsesTables ? table(provider) : embedded(provider);
}
