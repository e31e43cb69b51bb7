using CampaignMcp.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tables;

/// <summary>
/// Says which stores are in use and starts creating the tables (and loading the campaign snapshot) without holding up start-up (a cold start
/// should not wait for storage). An unreachable account does not stop the app: health says so, calls answer
/// 503 / a JSON-RPC error, and the tables are created on first use.
/// </summary>
public sealed class StorageStartup(StorageSettings settings, IServiceProvider services, ILogger<StorageStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task creating = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.UsesTables)
        {
            StorageLog.Selected(logger, StorageSettings.Embedded, " (in memory; nothing survives a restart)");
            return Task.CompletedTask;
        }

        var storage = services.GetRequiredService<TableStorage>();
        StorageLog.Selected(logger, StorageSettings.Table, $" at {storage.EndpointHost} ({settings.Connection!.SettingName}), tables {string.Join(", ", storage.Names.All)}");
        creating = Task.Run(async () =>
        {
            try
            {
                await storage.EnsureTablesAsync(stopping.Token).ConfigureAwait(false);
                // A fresh instance loads the campaign snapshot before its first list call needs it.
                if (services.GetService<Campaigns.ICampaignStore>() is TableCampaignStore campaigns)
                {
                    await campaigns.WarmAsync(stopping.Token).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is StorageUnavailableException or OperationCanceledException)
            {
                // Logged by TableStorage; the tables are created on first use.
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await creating.ConfigureAwait(false);
    }

    public void Dispose() => stopping.Dispose();
}
