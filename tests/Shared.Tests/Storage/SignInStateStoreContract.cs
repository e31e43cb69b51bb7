using CampaignMcp.SignIn;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.Tests.Storage;

/// <summary>
/// The sign-in state (state, PKCE verifier and nonce toward the provider; the signed-in user awaiting consent): what
/// one instance saved, another finds, and exactly one caller on any instance takes.
/// </summary>
public abstract class SignInStateStoreContract
{
    private static readonly DateTimeOffset ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10);

    protected abstract Task<ISignInStateStore[]> InstancesAsync(int count);

    [Fact]
    public async Task What_one_instance_saved_another_finds_and_takes_once()
    {
        var instances = await InstancesAsync(2);
        await instances[0].SaveAsync("hash-1", "payload-1", ExpiresAt, CancellationToken.None);

        Assert.Equal("payload-1", await instances[1].FindAsync("hash-1", CancellationToken.None));
        Assert.Equal("payload-1", await instances[1].TakeAsync("hash-1", CancellationToken.None));
        Assert.Null(await instances[0].TakeAsync("hash-1", CancellationToken.None));
        Assert.Null(await instances[0].FindAsync("hash-1", CancellationToken.None));
    }

    [Fact]
    public async Task Of_twenty_concurrent_takes_on_two_instances_exactly_one_gets_the_state()
    {
        var instances = await InstancesAsync(2);
        await instances[0].SaveAsync("hash-2", "payload-2", ExpiresAt, CancellationToken.None);

        var taken = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => instances[i % 2].TakeAsync("hash-2", CancellationToken.None))));

        Assert.Equal("payload-2", Assert.Single(taken, payload => payload is not null));
    }

    [Fact]
    public async Task An_unknown_handle_finds_nothing()
    {
        var store = (await InstancesAsync(1))[0];

        Assert.Null(await store.FindAsync("never-saved", CancellationToken.None));
        Assert.Null(await store.TakeAsync("never-saved", CancellationToken.None));
    }
}

public sealed class EmbeddedSignInStateStoreTests : SignInStateStoreContract
{
    protected override Task<ISignInStateStore[]> InstancesAsync(int count)
    {
        var store = new InMemorySignInStateStore(new FakeTimeProvider());
        return Task.FromResult(Enumerable.Repeat<ISignInStateStore>(store, count).ToArray());
    }
}

public sealed class TableSignInStateStoreTests : SignInStateStoreContract
{
    protected override Task<ISignInStateStore[]> InstancesAsync(int count) =>
        TestTableStorage.InstancesAsync<ISignInStateStore>(count, storage => new TableSignInStateStore(storage));
}
