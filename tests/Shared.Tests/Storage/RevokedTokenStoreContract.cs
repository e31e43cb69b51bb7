using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignMcp.Tests.Storage;

/// <summary>What every <see cref="IRevokedTokenStore"/> must do.</summary>
public abstract class RevokedTokenStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<IRevokedTokenStore[]> InstancesAsync(int count);

    [Fact]
    public async Task The_active_list_holds_revocations_until_their_token_expires()
    {
        var instances = await InstancesAsync(2);
        await instances[0].AddAsync("jti-short", Now.AddMinutes(5), CancellationToken.None);
        await instances[1].AddAsync("jti-long", Now.AddHours(24), CancellationToken.None);
        await instances[0].AddAsync("jti/odd#id?", Now.AddHours(1), CancellationToken.None);

        Assert.Equal(["jti-long", "jti-short", "jti/odd#id?"], (await instances[1].ListActiveAsync(Now, CancellationToken.None)).Select(r => r.TokenId).Order());
        var later = await instances[0].ListActiveAsync(Now.AddMinutes(5), CancellationToken.None);
        Assert.Equal(["jti-long", "jti/odd#id?"], later.Select(r => r.TokenId).Order());
        Assert.Equal(Now.AddHours(24), later.Single(r => r.TokenId == "jti-long").ExpiresAt);
        Assert.Empty(await instances[1].ListActiveAsync(Now.AddDays(2), CancellationToken.None));
        // Purged: the list stays empty even when asked about an earlier moment.
        Assert.Empty(await instances[0].ListActiveAsync(Now, CancellationToken.None));
    }

    [Fact]
    public async Task Recording_the_same_id_twice_is_harmless()
    {
        var store = (await InstancesAsync(1))[0];
        await store.AddAsync("jti-1", Now.AddHours(1), CancellationToken.None);
        await store.AddAsync("jti-1", Now.AddHours(1), CancellationToken.None);
        var active = Assert.Single(await store.ListActiveAsync(Now, CancellationToken.None));
        Assert.Equal(new RevokedToken("jti-1", Now.AddHours(1)), active);
    }
}

public sealed class EmbeddedRevokedTokenStoreTests : RevokedTokenStoreContract
{
    protected override Task<IRevokedTokenStore[]> InstancesAsync(int count)
    {
        var store = new InMemoryRevokedTokenStore();
        return Task.FromResult(Enumerable.Repeat<IRevokedTokenStore>(store, count).ToArray());
    }
}

public sealed class TableRevokedTokenStoreTests : RevokedTokenStoreContract
{
    protected override Task<IRevokedTokenStore[]> InstancesAsync(int count) =>
        TestTableStorage.InstancesAsync<IRevokedTokenStore>(count, storage => new TableRevokedTokenStore(storage, NullLogger<TableRevokedTokenStore>.Instance));
}
