using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Refresh;

namespace CampaignMcp.Tests.Storage;

/// <summary>What every <see cref="IRefreshTokenStore"/> must do; "instances" share one backing store, as scaled-out apps do.</summary>
public abstract class RefreshTokenStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="count"/> stores over the same state, as seen from that many app instances.</summary>
    protected abstract Task<IRefreshTokenStore[]> InstancesAsync(int count);

    private static RefreshFamily NewFamily(string? id = null) => new()
    {
        FamilyId = id ?? Guid.NewGuid().ToString("N"),
        ClientId = "claude",
        Scope = "tools:call campaigns:read",
        CurrentTokenHash = "hash-1",
        Generation = 1,
        CreatedAt = Now,
        ExpiresAt = Now.AddDays(30),
    };

    [Fact]
    public async Task A_created_family_is_found_with_its_current_token_and_a_version()
    {
        var store = (await InstancesAsync(1))[0];
        var family = NewFamily();
        await store.CreateAsync(family, CancellationToken.None);

        var lookup = await store.FindAsync(family.FamilyId, "hash-1", CancellationToken.None);
        Assert.NotNull(lookup);
        Assert.Equal(RefreshTokenMatch.Current, lookup.Match);
        Assert.NotNull(lookup.Family.Version);
        Assert.Equal(family with { Version = lookup.Family.Version }, lookup.Family);
        Assert.Equal(RefreshTokenMatch.Unknown, (await store.FindAsync(family.FamilyId, "never-issued", CancellationToken.None))!.Match);
        Assert.Null(await store.FindAsync("no-such-family", "hash-1", CancellationToken.None));
        Assert.Null(await store.FindAsync("bad/family#id?", "hash-1", CancellationToken.None));
    }

    [Fact]
    public async Task Creating_the_same_family_id_twice_throws()
    {
        var store = (await InstancesAsync(1))[0];
        var family = NewFamily();
        await store.CreateAsync(family, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(family with { CurrentTokenHash = "other" }, CancellationToken.None));
    }

    [Fact]
    public async Task Rotation_makes_the_new_token_current_and_the_old_one_superseded()
    {
        var store = (await InstancesAsync(1))[0];
        var family = NewFamily();
        await store.CreateAsync(family, CancellationToken.None);
        var current = (await store.FindAsync(family.FamilyId, "hash-1", CancellationToken.None))!.Family;

        var rotated = await store.TryRotateAsync(current, "hash-2", "tools:call", Now.AddDays(31), Now, CancellationToken.None);
        Assert.NotNull(rotated);
        Assert.Equal(("hash-2", "tools:call", 2, Now.AddDays(31)), (rotated.CurrentTokenHash, rotated.Scope, rotated.Generation, rotated.ExpiresAt));
        Assert.NotEqual(current.Version, rotated.Version);

        var again = await store.FindAsync(family.FamilyId, "hash-2", CancellationToken.None);
        Assert.Equal(RefreshTokenMatch.Current, again!.Match);
        Assert.Equal(rotated, again.Family);
        Assert.Equal(RefreshTokenMatch.Previous, (await store.FindAsync(family.FamilyId, "hash-1", CancellationToken.None))!.Match);
        Assert.Equal(("hash-1", Now), (rotated.PreviousTokenHash, rotated.RotatedAt));

        // The version it was read at is gone: a second rotation from it loses, unless it is this very rotation
        // again (a retry, or a duplicate deriving the same successor), which finds it stored.
        Assert.Null(await store.TryRotateAsync(current, "hash-3", "tools:call", Now, Now, CancellationToken.None));
        Assert.Equal(rotated.Version, (await store.TryRotateAsync(current, "hash-2", "tools:call", Now.AddDays(31), Now, CancellationToken.None))!.Version);
        var third = await store.TryRotateAsync(rotated, "hash-3", "tools:call", Now.AddDays(32), Now.AddMinutes(1), CancellationToken.None);
        Assert.Equal(3, third!.Generation);
        Assert.Equal(RefreshTokenMatch.Previous, (await store.FindAsync(family.FamilyId, "hash-2", CancellationToken.None))!.Match);
        Assert.Equal(RefreshTokenMatch.Superseded, (await store.FindAsync(family.FamilyId, "hash-1", CancellationToken.None))!.Match);
    }

    [Fact]
    public async Task Two_instances_rotating_the_same_version_at_once_exactly_one_wins()
    {
        var instances = await InstancesAsync(2);
        for (var round = 0; round < 5; round++)
        {
            var family = NewFamily();
            await instances[0].CreateAsync(family, CancellationToken.None);
            var seenByFirst = (await instances[0].FindAsync(family.FamilyId, "hash-1", CancellationToken.None))!.Family;
            var seenBySecond = (await instances[1].FindAsync(family.FamilyId, "hash-1", CancellationToken.None))!.Family;

            using var start = new SemaphoreSlim(0, 2);
            var first = Task.Run(async () => { await start.WaitAsync(); return await instances[0].TryRotateAsync(seenByFirst, "hash-a", "tools:call", Now.AddDays(31), Now, CancellationToken.None); });
            var second = Task.Run(async () => { await start.WaitAsync(); return await instances[1].TryRotateAsync(seenBySecond, "hash-b", "tools:call", Now.AddDays(31), Now, CancellationToken.None); });
            start.Release(2);
            var results = await Task.WhenAll(first, second);

            var winner = Assert.Single(results, r => r is not null)!;
            var stored = await instances[1].FindAsync(family.FamilyId, winner.CurrentTokenHash, CancellationToken.None);
            Assert.Equal(RefreshTokenMatch.Current, stored!.Match);
            Assert.Equal(2, stored.Family.Generation);
            var loser = winner.CurrentTokenHash == "hash-a" ? "hash-b" : "hash-a";
            Assert.Equal(RefreshTokenMatch.Unknown, (await instances[0].FindAsync(family.FamilyId, loser, CancellationToken.None))!.Match);
        }
    }

    [Fact]
    public async Task Revocation_keeps_the_first_reason_and_stops_rotation()
    {
        var store = (await InstancesAsync(1))[0];
        var family = NewFamily();
        await store.CreateAsync(family, CancellationToken.None);
        var current = (await store.FindAsync(family.FamilyId, "hash-1", CancellationToken.None))!.Family;

        Assert.True(await store.RevokeAsync(family.FamilyId, "reuse_detected", Now.AddHours(1), CancellationToken.None));
        Assert.True(await store.RevokeAsync(family.FamilyId, "client_request", Now.AddHours(2), CancellationToken.None));
        Assert.False(await store.RevokeAsync("no-such-family", "client_request", Now, CancellationToken.None));

        var revoked = (await store.FindAsync(family.FamilyId, "hash-1", CancellationToken.None))!.Family;
        Assert.True(revoked.IsRevoked);
        Assert.Equal(("reuse_detected", Now.AddHours(1)), (revoked.RevokedReason, revoked.RevokedAt!.Value));
        Assert.Null(await store.TryRotateAsync(current, "hash-2", "tools:call", Now, Now, CancellationToken.None));
    }
}

public sealed class EmbeddedRefreshTokenStoreTests : RefreshTokenStoreContract
{
    protected override Task<IRefreshTokenStore[]> InstancesAsync(int count)
    {
        var store = new InMemoryRefreshTokenStore();
        return Task.FromResult(Enumerable.Repeat<IRefreshTokenStore>(store, count).ToArray());
    }
}

public sealed class TableRefreshTokenStoreTests : RefreshTokenStoreContract
{
    protected override Task<IRefreshTokenStore[]> InstancesAsync(int count) =>
        TestTableStorage.InstancesAsync<IRefreshTokenStore>(count, storage => new TableRefreshTokenStore(storage));
}
