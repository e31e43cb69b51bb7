using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Storage.Purge;

/// <summary>
/// One purge run: every <see cref="IExpiredStateSweeper"/> in turn, each within <see cref="BudgetPerSweeper"/>
/// rows, so a run is bounded however much has piled up (the rest goes on the next run). Run by the timer function
/// on Azure and by <see cref="ExpiredStatePurgeService"/> on the local host. With the embedded stores there is
/// nothing to sweep: they live in one process and bound themselves.
/// </summary>
public sealed class ExpiredStatePurge(StorageSettings settings, IServiceProvider services, TimeProvider time, ILogger<ExpiredStatePurge> logger)
{
    public const int BudgetPerSweeper = 5_000;

    /// <summary>Rows deleted per sweeper; a sweeper whose storage did not answer is logged and skipped.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!settings.UsesTables)
        {
            return deleted;
        }

        var now = time.GetUtcNow();
        foreach (var sweeper in services.GetServices<IExpiredStateSweeper>())
        {
            try
            {
                var count = await sweeper.SweepAsync(now, BudgetPerSweeper, cancellationToken).ConfigureAwait(false);
                deleted[sweeper.Name] = count;
                PurgeLog.Swept(logger, sweeper.Name, count, count >= BudgetPerSweeper ? " (budget reached; the rest goes on the next run)" : "");
            }
            catch (StorageUnavailableException exception)
            {
                PurgeLog.SweepFailed(logger, sweeper.Name, exception.Message);
            }
        }

        return deleted;
    }
}
