using System.Runtime.CompilerServices;
using CampaignMcp.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests.Mcp;

/// <summary>
/// The app's store, except that a scan stops after <see cref="HoldAfter"/> campaigns until the test releases it:
/// whatever the client has received by then was sent while the tool was still running.
/// </summary>
internal sealed class GatedCampaignStore(ICampaignStore inner, GatedCampaignStore.Gate gate) : ICampaignStore
{
    public const int HoldAfter = 250;

    public Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<CampaignPage> QueryAsync(CampaignFilter filter, CampaignSort sort, string? cursor, int pageSize, CancellationToken cancellationToken) =>
        inner.QueryAsync(filter, sort, cursor, pageSize, cancellationToken);

    public async IAsyncEnumerable<Campaign> ScanAsync(CampaignFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var campaign in inner.ScanAsync(filter, cancellationToken))
        {
            if (count++ == HoldAfter)
            {
                gate.Held.TrySetResult();
                await gate.Released.Task.WaitAsync(cancellationToken);
            }

            yield return campaign;
        }
    }

    /// <summary>Replaces the app's store with a gated view of it.</summary>
    public static Action<IServiceCollection> Install(Gate gate) => services =>
    {
        var original = services.Last(descriptor => descriptor.ServiceType == typeof(ICampaignStore));
        services.Remove(original);
        services.AddSingleton<ICampaignStore>(provider => new GatedCampaignStore((ICampaignStore)original.ImplementationFactory!(provider), gate));
    };

    internal sealed class Gate
    {
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
