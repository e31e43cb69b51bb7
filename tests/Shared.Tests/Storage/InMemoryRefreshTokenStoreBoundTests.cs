using CampaignMcp.Tokens.Refresh;

namespace CampaignMcp.Tests.Storage;

public class InMemoryRefreshTokenStoreBoundTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static RefreshFamily Family(int index) => new()
    {
        FamilyId = "f" + index,
        ClientId = "claude",
        Scope = "tools:call",
        CurrentTokenHash = "h" + index,
        Generation = 1,
        CreatedAt = Start.AddSeconds(index),
        ExpiresAt = Start.AddDays(30),
    };

    [Fact]
    public async Task Past_the_bound_the_oldest_families_make_room_and_new_ones_are_kept()
    {
        var store = new InMemoryRefreshTokenStore();
        for (var i = 0; i <= InMemoryRefreshTokenStore.MaximumFamilies; i++)
        {
            await store.CreateAsync(Family(i), CancellationToken.None);
        }

        Assert.Null(await store.FindAsync("f0", "h0", CancellationToken.None));
        var newest = InMemoryRefreshTokenStore.MaximumFamilies;
        Assert.Equal(RefreshTokenMatch.Current, (await store.FindAsync("f" + newest, "h" + newest, CancellationToken.None))!.Match);
        var kept = InMemoryRefreshTokenStore.MaximumFamilies / 10;
        Assert.NotNull(await store.FindAsync("f" + kept, "h" + kept, CancellationToken.None));
    }
}
