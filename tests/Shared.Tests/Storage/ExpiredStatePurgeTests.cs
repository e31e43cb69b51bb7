using Azure.Data.Tables;
using CampaignMcp.Campaigns;
using CampaignMcp.Configuration;
using CampaignMcp.OAuth.Authorization;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.Storage.Purge;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Refresh;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.Tests.Storage;

/// <summary>The purge against Azurite with a fake clock: what has expired goes, what has not stays, bounded and safe on several instances.</summary>
public class ExpiredStatePurgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly LockoutSettings Lockout = new() { MaxFailures = 10, Window = TimeSpan.FromMinutes(5), Warnings = [] };

    [Fact]
    public async Task Ended_failed_attempt_windows_go_and_open_ones_keep_counting()
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        var attempts = new TableFailedAttemptStore(storage);
        await attempts.RecordFailureAsync("address:old", Now.AddMinutes(-6), Lockout.Window, CancellationToken.None);
        await attempts.RecordFailureAsync("address:open", Now.AddMinutes(-2), Lockout.Window, CancellationToken.None);
        await attempts.RecordFailureAsync("address:open", Now.AddMinutes(-1), Lockout.Window, CancellationToken.None);

        Assert.Equal(1, await new FailedAttemptSweeper(storage, Lockout).SweepAsync(Now, 100, CancellationToken.None));

        Assert.Single(await storage.QueryAsync(storage.FailedAttempts, null, null, CancellationToken.None).ToListAsync());
        Assert.Equal(2, (await attempts.GetAsync("address:open", Now, Lockout.Window, CancellationToken.None))!.Failures);
    }

    [Fact]
    public async Task Expired_refresh_families_go_with_their_markers_and_live_ones_stay_whole()
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        var families = new TableRefreshTokenStore(storage);
        var expired = await CreateRotatedAsync(families, Now.AddMinutes(-1));
        var live = await CreateRotatedAsync(families, Now.AddDays(1));

        var deleted = await new RefreshFamilySweeper(families).SweepAsync(Now, 100, CancellationToken.None);

        Assert.Equal(3, deleted); // the family row and its two superseded-token markers
        Assert.Empty(await RowsAsync(storage, expired));
        Assert.Equal(3, (await RowsAsync(storage, live)).Count);
        Assert.NotNull(await families.FindAsync(live, "hash-3", CancellationToken.None));
    }

    [Fact]
    public async Task Expired_revocations_go_and_active_ones_stay_in_force()
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        var revoked = new TableRevokedTokenStore(storage, NullLogger<TableRevokedTokenStore>.Instance);
        await revoked.AddAsync("expired-jti", Now.AddSeconds(-1), CancellationToken.None);
        await revoked.AddAsync("active-jti", Now.AddHours(1), CancellationToken.None);

        Assert.Equal(1, await new RevokedTokenSweeper(storage).SweepAsync(Now, 100, CancellationToken.None));

        var rows = await storage.QueryAsync(storage.RevokedTokens, null, null, CancellationToken.None).ToListAsync();
        Assert.Equal("active-jti", Assert.Single(rows).GetString("TokenId"));
    }

    [Fact]
    public async Task A_run_deletes_at_most_its_budget_and_the_next_run_continues()
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        var revoked = new TableRevokedTokenStore(storage, NullLogger<TableRevokedTokenStore>.Instance);
        for (var i = 0; i < 7; i++)
        {
            await revoked.AddAsync($"jti-{i}", Now.AddMinutes(-i - 1), CancellationToken.None);
        }

        var sweeper = new RevokedTokenSweeper(storage);
        Assert.Equal(3, await sweeper.SweepAsync(Now, 3, CancellationToken.None));
        Assert.Equal(3, await sweeper.SweepAsync(Now, 3, CancellationToken.None));
        Assert.Equal(1, await sweeper.SweepAsync(Now, 3, CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(Now, 3, CancellationToken.None));
    }

    [Fact]
    public async Task Three_instances_sweeping_at_once_delete_every_expired_row_and_nothing_else()
    {
        var prefix = AzuriteTables.UniquePrefix();
        var storage = await TestTableStorage.CreateAsync(prefix);
        var attempts = new TableFailedAttemptStore(storage);
        for (var i = 0; i < 60; i++)
        {
            await attempts.RecordFailureAsync($"address:198.51.100.{i}", Now.AddMinutes(i < 40 ? -10 : -1), Lockout.Window, CancellationToken.None);
        }

        var sweepers = new List<FailedAttemptSweeper>();
        for (var i = 0; i < 3; i++)
        {
            sweepers.Add(new FailedAttemptSweeper(await TestTableStorage.CreateAsync(prefix), Lockout));
        }

        var deleted = await Task.WhenAll(sweepers.Select(s => s.SweepAsync(Now, 100, CancellationToken.None)));

        // Each instance's count may include rows another removed at the same moment (Azurite accepts a batch delete
        // of a row already gone); what matters is what is left: exactly the open windows.
        Assert.True(deleted.Sum() >= 40);
        Assert.All(deleted, count => Assert.InRange(count, 0, 40));
        Assert.Equal(20, (await storage.QueryAsync(storage.FailedAttempts, null, null, CancellationToken.None).ToListAsync()).Count);
    }

    [Fact]
    public async Task Superseded_campaign_snapshots_go_after_the_grace_period_and_the_current_one_stays()
    {
        var clock = new FakeTimeProvider(Now);
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        var writer = new TableCampaignWriter(storage, clock);
        await writer.UpsertAsync([.. SampleCampaigns.Generate(50)], null, 4, CancellationToken.None);
        await writer.UpsertAsync([.. SampleCampaigns.Generate(60)], null, 4, CancellationToken.None);
        var sweeper = new CampaignIndexSweeper(storage);

        Assert.Equal(0, await sweeper.SweepAsync(clock.GetUtcNow(), 100, CancellationToken.None));
        clock.Advance(CampaignIndexSweeper.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sweeper.SweepAsync(clock.GetUtcNow(), 100, CancellationToken.None));

        var versions = (await storage.QueryAsync(storage.CampaignIndex, null, null, CancellationToken.None).ToListAsync()).Select(r => r.PartitionKey).Distinct().Order().ToList();
        var head = await new CampaignIndex(storage, clock).ReadHeadAsync(CancellationToken.None);
        Assert.Equal(new[] { CampaignIndex.HeadKey, CampaignIndex.VersionPartitionPrefix + head!.Version }.Order(), versions);
        Assert.Equal(60, (await new TableCampaignStore(storage).QueryAsync(CampaignFilter.All, CampaignSort.NameAscending, null, 5, CancellationToken.None)).TotalMatched);
    }

    [Fact]
    public async Task Used_and_expired_authorization_codes_and_form_tokens_go_after_ten_minutes_and_fresh_ones_stay()
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        var codes = new TableAuthorizationCodeStore(storage);
        AuthorizationCode Code(DateTimeOffset expiresAt) => new("dcr_x", "claude", "http://localhost:1/callback", new string('a', 43), "https://app.example/api/v1/mcp", ["campaigns:read"], expiresAt);
        await codes.SaveAsync("old-code", Code(Now.AddMinutes(-11)), CancellationToken.None);
        await codes.SaveAsync("recent-code", Code(Now.AddMinutes(-5)), CancellationToken.None);
        Assert.NotNull(await codes.RedeemAsync("old-code", CancellationToken.None));
        Assert.True(await codes.TryUseOnceAsync("old-nonce", Now.AddMinutes(-11), CancellationToken.None));
        Assert.True(await codes.TryUseOnceAsync("fresh-nonce", Now.AddMinutes(5), CancellationToken.None));

        Assert.Equal(2, await new AuthorizationCodeSweeper(storage).SweepAsync(Now, 100, CancellationToken.None));

        Assert.Null(await codes.RedeemAsync("old-code", CancellationToken.None));
        Assert.False((await codes.RedeemAsync("recent-code", CancellationToken.None))!.AlreadyRedeemed);
        Assert.False(await codes.TryUseOnceAsync("fresh-nonce", Now.AddMinutes(5), CancellationToken.None));
        Assert.True(await codes.TryUseOnceAsync("old-nonce", Now.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task Expired_client_registrations_go_and_live_ones_stay_usable()
    {
        var storage = await TestTableStorage.CreateAsync(AzuriteTables.UniquePrefix());
        var registrations = new TableClientRegistrationStore(storage);
        var expired = Registration(Now.AddSeconds(-1));
        var expiring = Registration(Now);
        var live = Registration(Now.AddDays(1));
        foreach (var registration in new[] { expired, expiring, live })
        {
            await registrations.AddAsync(registration, CancellationToken.None);
        }

        Assert.Equal(2, await new ClientRegistrationSweeper(storage).SweepAsync(Now, 100, CancellationToken.None));

        var rows = await storage.QueryAsync(storage.OAuthClients, null, null, CancellationToken.None).ToListAsync();
        Assert.Equal(live.ClientId, Assert.Single(rows).RowKey);
        Assert.Equal(live.ClientId, (await registrations.FindAsync(live.ClientId, Now, CancellationToken.None))?.ClientId);
    }

    [Fact]
    public async Task The_purge_runs_every_registered_sweeper_with_table_storage_and_nothing_with_the_embedded_stores()
    {
        var prefix = AzuriteTables.UniquePrefix();
        var clock = new FakeTimeProvider(Now);
        var storage = await TestTableStorage.CreateAsync(prefix);
        await new TableRevokedTokenStore(storage, NullLogger<TableRevokedTokenStore>.Instance).AddAsync("gone", Now.AddMinutes(-1), CancellationToken.None);
        await new TableFailedAttemptStore(storage).RecordFailureAsync("client:x", Now.AddHours(-1), Lockout.Window, CancellationToken.None);
        await new TableClientRegistrationStore(storage).AddAsync(Registration(Now.AddDays(-1)), CancellationToken.None);

        var table = Provider(clock, new() { [SettingNames.Store] = "table", [SettingNames.StorageConnection] = await AzuriteTables.ConnectionStringAsync(), [SettingNames.StorageTablePrefix] = prefix });
        var deleted = await table.GetRequiredService<ExpiredStatePurge>().RunAsync(CancellationToken.None);
        Assert.Equal(1, deleted["revocation"]);
        Assert.Equal(1, deleted["failed-attempt"]);
        Assert.Equal(0, deleted["refresh-family"]);
        Assert.Equal(0, deleted["campaign-snapshot"]);
        Assert.Equal(0, deleted["authorization-code"]);
        Assert.Equal(1, deleted["client-registration"]);

        var embedded = Provider(clock, []);
        Assert.Empty(await embedded.GetRequiredService<ExpiredStatePurge>().RunAsync(CancellationToken.None));
    }

    private static ServiceProvider Provider(TimeProvider clock, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddSingleton(Lockout);
        services.AddCampaignMcpStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private static ClientRegistration Registration(DateTimeOffset expiresAt) => new(
        ClientRegistrationIds.New(),
        new ClientMetadata("Test client", ["http://127.0.0.1:9999/callback"], ["authorization_code"], ["code"], null, null, null),
        expiresAt - OAuthClientSettings.RegistrationLifetime,
        expiresAt);

    private static async Task<string> CreateRotatedAsync(TableRefreshTokenStore families, DateTimeOffset expiresAt)
    {
        var family = new RefreshFamily
        {
            FamilyId = Guid.NewGuid().ToString("N"),
            ClientId = "claude",
            Scope = "campaigns:read",
            CurrentTokenHash = "hash-1",
            Generation = 1,
            CreatedAt = Now.AddDays(-30),
            ExpiresAt = expiresAt,
        };
        await families.CreateAsync(family, CancellationToken.None);
        var current = (await families.FindAsync(family.FamilyId, "hash-1", CancellationToken.None))!.Family;
        current = (await families.TryRotateAsync(current, "hash-2", current.Scope, expiresAt, Now.AddDays(-2), CancellationToken.None))!;
        await families.TryRotateAsync(current, "hash-3", current.Scope, expiresAt, Now.AddDays(-1), CancellationToken.None);
        return family.FamilyId;
    }

    private static Task<List<TableEntity>> RowsAsync(TableStorage storage, string familyId) =>
        storage.QueryAsync(storage.RefreshFamilies, TableClient.CreateQueryFilter($"PartitionKey eq {familyId}"), null, CancellationToken.None).ToListAsync().AsTask();
}
