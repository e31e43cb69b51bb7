using System.Net;
using Azure.Data.Tables;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Refresh;
using static CampaignMcp.Functional.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functional.Tests.Storage;

/// <summary>
/// A refresh-token rotation on MCP_STORE=table survives a store that stalls mid-rotation
/// and instances that die or race. A 503 or a lost answer never costs the client its session: its retry
/// with the same refresh token, on any instance and within the grace, gets the very successor that was
/// stored; only a presentation after the grace (or after the successor was used) is reuse.
/// </summary>
public sealed class RefreshRotationUnderFaultsTests
{
    private static Dictionary<string, string?> TableSettings(string connectionString, string prefix)
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_STORE"] = "table";
        settings["MCP_STORAGE_CONNECTION"] = connectionString;
        settings["MCP_STORAGE_TABLE_PREFIX"] = prefix;
        settings["MCP_PUBLIC_URL"] = "https://campaign-mcp.test";
        return settings;
    }

    private static bool ReuseAlarmed(params RunningHost[] hosts) =>
        hosts.Any(host => host.Logs.Lines.Any(line => line.Contains("Refresh token reused", StringComparison.Ordinal)));

    [Fact]
    public async Task A_refresh_answered_503_while_the_store_was_frozen_mid_rotation_can_be_retried()
    {
        var prefix = AzuriteTables.UniquePrefix();
        using var azurite = await AzuriteProcess.StartAsync(RunningHost.FreePort(), dataDirectory: null);
        await using var tap = new TcpTap(azurite.Port);
        await using var host = await RunningHost.StartAsync(TableSettings(AzuriteTables.ConnectionString(tap.Port), prefix));
        var (_, refresh) = await IssuePairAsync(host);
        Assert.True(RefreshTokenFormat.TryParse(refresh, out var familyId, out _));

        // The family is read, then the rotation's entity-group transaction reaches a store that stops
        // answering (SIGSTOP): the app gives up after its retries and answers 503.
        var paused = false;
        tap.OnNext("$batch", () =>
        {
            azurite.Pause();
            paused = true;
        });
        try
        {
            using var stalled = await RefreshAsync(host, refresh);
            Assert.True(paused, "the rotation never reached the store");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stalled.StatusCode);
            Assert.Equal("STORAGE_UNAVAILABLE", await ErrorCodeAsync(stalled));
        }
        finally
        {
            azurite.Resume();
        }

        // Thawed, the store works through what queued up: the rotation the app gave up on is written after all.
        var families = new TableClient(AzuriteTables.ConnectionString(azurite.Port), new TableNames(prefix).RefreshFamilies);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await families.GetEntityAsync<TableEntity>(familyId, "family")).Value.GetInt32("Generation") != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the stalled rotation was never written");
            await Task.Delay(100);
        }

        // The client's documented retry with the same token: the stored successor, not "already used".
        using var retried = await RefreshAsync(host, refresh);
        var (access, next) = await TokensAsync(retried);
        Assert.Equal((200, null), await CallMcpAsync(host, access));
        using var onward = await RefreshAsync(host, next);
        Assert.Equal(HttpStatusCode.OK, onward.StatusCode);
        Assert.False(ReuseAlarmed(host));
    }

    [Fact]
    public async Task One_refresh_token_sent_to_three_instances_at_once_gives_all_the_same_successor()
    {
        var settings = TableSettings(await AzuriteTables.ConnectionStringAsync(), AzuriteTables.UniquePrefix());
        await using var first = await RunningHost.StartAsync(settings);
        await using var second = await RunningHost.StartAsync(settings, time: first.Time);
        await using var third = await RunningHost.StartAsync(settings, time: first.Time);
        RunningHost[] instances = [first, second, third];

        for (var trial = 0; trial < 10; trial++)
        {
            var (_, refresh) = await IssuePairAsync(instances[trial % 3]);
            var responses = await Task.WhenAll(instances.Select(instance => RefreshAsync(instance, refresh)));
            var successors = new HashSet<string>(StringComparer.Ordinal);
            foreach (var response in responses)
            {
                var (access, next) = await TokensAsync(response);
                Assert.Equal((200, null), await CallMcpAsync(instances[trial % 3], access));
                successors.Add(next);
                response.Dispose();
            }

            // The winner's tokens live on: the successor works on any instance.
            using var onward = await RefreshAsync(instances[(trial + 1) % 3], Assert.Single(successors));
            Assert.Equal(HttpStatusCode.OK, onward.StatusCode);
        }

        Assert.False(ReuseAlarmed(instances));
    }

    [Fact]
    public async Task A_retry_on_another_instance_after_a_lost_answer_gets_the_stored_successor_and_reuse_after_the_grace_still_revokes()
    {
        var settings = TableSettings(await AzuriteTables.ConnectionStringAsync(), AzuriteTables.UniquePrefix());
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var survivor = await RunningHost.StartAsync(settings, time: clock);
        await using var other = await RunningHost.StartAsync(settings, time: clock);
        var (_, refresh) = await IssuePairAsync(survivor);

        // An instance saves the rotation and goes away; its answer never reaches the client (the test keeps it
        // only to compare it with what the retry gets).
        string lost;
        await using (var doomed = await RunningHost.StartAsync(settings, time: clock))
        {
            using var unread = await RefreshAsync(doomed, refresh);
            (_, lost) = await TokensAsync(unread);
        }

        using var retried = await RefreshAsync(survivor, refresh);
        var (access, next) = await TokensAsync(retried);
        Assert.Equal(lost, next);
        Assert.Equal((200, null), await CallMcpAsync(other, access));
        Assert.False(ReuseAlarmed(survivor, other));

        // Past the grace, the same token again is reuse: the family, its newest token and its access tokens die.
        clock.Advance(RefreshSettings.DefaultReuseGrace + TimeSpan.FromSeconds(1));
        using var reuse = await RefreshAsync(other, refresh);
        Assert.Equal("INVALID_GRANT", await ErrorCodeAsync(reuse));
        Assert.True(ReuseAlarmed(other));
        using var newest = await RefreshAsync(survivor, next);
        Assert.Equal("INVALID_GRANT", await ErrorCodeAsync(newest));
        Assert.Equal((401, "revoked"), await CallMcpAsync(other, access));
    }
}
