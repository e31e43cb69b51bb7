using CampaignMcp.Storage;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.ApiKeys;

namespace CampaignMcp.Tests.Storage;

/// <summary>What every <see cref="IFailedAttemptStore"/> must do.</summary>
public abstract class FailedAttemptStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    protected abstract Task<IFailedAttemptStore[]> InstancesAsync(int count);

    [Fact]
    public async Task Failures_count_within_a_window_and_a_new_window_starts_after_it()
    {
        var store = (await InstancesAsync(1))[0];
        var key = "address:203.0.113.7";
        Assert.Null(await store.GetAsync(key, Now, Window, CancellationToken.None));

        Assert.Equal(new AttemptWindow(Now, 1), await store.RecordFailureAsync(key, Now, Window, CancellationToken.None));
        Assert.Equal(new AttemptWindow(Now, 2), await store.RecordFailureAsync(key, Now.AddMinutes(1), Window, CancellationToken.None));
        Assert.Equal(new AttemptWindow(Now, 2), await store.GetAsync(key, Now.AddMinutes(4), Window, CancellationToken.None));
        Assert.Null(await store.GetAsync("client:cursor", Now, Window, CancellationToken.None));

        Assert.Null(await store.GetAsync(key, Now + Window, Window, CancellationToken.None));
        Assert.Equal(new AttemptWindow(Now + Window, 1), await store.RecordFailureAsync(key, Now + Window, Window, CancellationToken.None));
    }

    [Fact]
    public async Task Twenty_failures_at_once_from_two_instances_all_count()
    {
        var instances = await InstancesAsync(2);
        var key = "client:" + Guid.NewGuid();
        using var start = new SemaphoreSlim(0, 20);
        var failures = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await instances[i % 2].RecordFailureAsync(key, Now.AddMilliseconds(i), Window, CancellationToken.None);
        })).ToArray();
        start.Release(20);
        var results = await Task.WhenAll(failures);

        Assert.Equal(Enumerable.Range(1, 20), results.Select(r => r.Failures).Order());
        Assert.Equal(20, (await instances[0].GetAsync(key, Now.AddMinutes(1), Window, CancellationToken.None))!.Failures);
    }
}

public sealed class EmbeddedFailedAttemptStoreTests : FailedAttemptStoreContract
{
    protected override Task<IFailedAttemptStore[]> InstancesAsync(int count)
    {
        var store = new InMemoryFailedAttemptStore();
        return Task.FromResult(Enumerable.Repeat<IFailedAttemptStore>(store, count).ToArray());
    }
}

public sealed class TableFailedAttemptStoreTests : FailedAttemptStoreContract
{
    protected override Task<IFailedAttemptStore[]> InstancesAsync(int count) =>
        TestTableStorage.InstancesAsync<IFailedAttemptStore>(count, storage => new TableFailedAttemptStore(storage));

    [Fact]
    public async Task Fifty_failures_at_once_from_two_instances_each_see_a_distinct_count()
    {
        // Clients with a long network timeout: fifty writers on one row take many rounds of If-Match on a busy machine.
        var prefix = AzuriteTables.UniquePrefix();
        var connection = TableConnection.Parse("test", await AzuriteTables.ConnectionStringAsync(), null, null, null, null, out _)!;
        var instances = Enumerable.Range(0, 2)
            .Select(_ => new TableFailedAttemptStore(new TableStorage(connection, prefix, Microsoft.Extensions.Logging.Abstractions.NullLogger<TableStorage>.Instance, TableStorage.ClientOptions(TimeSpan.FromSeconds(60)))))
            .ToArray();
        var now = DateTimeOffset.UtcNow;
        using var start = new SemaphoreSlim(0, 50);
        var failures = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await instances[i % 2].RecordFailureAsync("client:burst", now, TimeSpan.FromMinutes(5), CancellationToken.None);
        })).ToArray();
        start.Release(50);

        // Atomic increments: every caller got its own count, so a limiter that reads the count it recorded stops at the limit.
        Assert.Equal(Enumerable.Range(1, 50), (await Task.WhenAll(failures)).Select(r => r.Failures).Order());
    }

    [Fact]
    public async Task The_key_itself_is_never_stored()
    {
        var prefix = AzuriteTables.UniquePrefix();
        var storage = await TestTableStorage.CreateAsync(prefix);
        await new TableFailedAttemptStore(storage).RecordFailureAsync("address:198.51.100.23", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), CancellationToken.None);
        var rows = await storage.QueryAsync(storage.FailedAttempts, null, null, CancellationToken.None).ToListAsync();
        var row = Assert.Single(rows);
        Assert.DoesNotContain(rows.SelectMany(r => r).Select(pair => pair.Value?.ToString()).Append(row.RowKey).Append(row.PartitionKey), v => v?.Contains("198.51.100.23", StringComparison.Ordinal) == true);
    }
}
