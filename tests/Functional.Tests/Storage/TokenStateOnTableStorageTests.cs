using System.Net;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Refresh;
using CampaignMcp.Tokens.Revocation;
using static CampaignMcp.Functional.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functional.Tests.Storage;

/// <summary>
/// Two instances of the app on one set of tables (the tests' Azurite), as Azure runs them: the failed-attempt
/// limit, revocations and refresh families are the same for both and outlive an instance.
/// </summary>
public sealed class TokenStateOnTableStorageTests
{
    private static async Task<Dictionary<string, string?>> TableSettingsAsync(string prefix)
    {
        var settings = RunningHost.BehindProxySettings();
        settings["MCP_STORE"] = "table";
        settings["MCP_STORAGE_CONNECTION"] = await AzuriteTables.ConnectionStringAsync();
        settings["MCP_STORAGE_TABLE_PREFIX"] = prefix;
        settings["MCP_PUBLIC_URL"] = "https://campaign-mcp.test";
        return settings;
    }

    [Fact]
    public async Task The_attempt_limit_holds_across_instances_and_a_restart()
    {
        var settings = await TableSettingsAsync(AzuriteTables.UniquePrefix());
        await using (var first = await RunningHost.StartAsync(settings))
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                using var failed = await IssueAsync(first, apiKey: "wrong-api-key-0123456789", forwardedFor: "203.0.113.80");
                Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            }
        }

        await using var second = await RunningHost.StartAsync(settings);
        using var locked = await IssueAsync(second, apiKey: "wrong-api-key-0123456789", forwardedFor: "203.0.113.80");
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 300);
        // Another address and another client: neither limit applies (the failures also counted against claude).
        using var otherAddress = await IssueAsync(second, clientId: "cursor", apiKey: "wrong-api-key-0123456789", forwardedFor: "203.0.113.81");
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress.StatusCode);
    }

    /// <summary>The count is an atomic increment, so a parallel burst of wrong keys on two instances cannot all pass one check.</summary>
    [Fact]
    public async Task A_burst_of_fifty_parallel_wrong_keys_on_two_instances_never_lets_more_than_ten_through()
    {
        var settings = await TableSettingsAsync(AzuriteTables.UniquePrefix());
        await using var first = await RunningHost.StartAsync(settings);
        await using var second = await RunningHost.StartAsync(settings, time: first.Time);
        var burst = Enumerable.Range(0, 50).Select(async attempt =>
        {
            using var response = await IssueAsync(attempt % 2 == 0 ? first : second, apiKey: "wrong-api-key-0123456789", forwardedFor: "203.0.113.90");
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(burst);

        // Each request counts against its address and its client id, one after the other, so a request that is the
        // tenth on one counter can be the eleventh on the other: fewer than ten may pass, never more.
        var passed = statuses.Count(status => status == HttpStatusCode.Unauthorized);
        Assert.InRange(passed, 1, 10);
        Assert.Equal(50 - passed, statuses.Count(status => status == (HttpStatusCode)429));
    }

    [Fact]
    public async Task Revocations_and_refresh_families_are_shared_by_instances()
    {
        var settings = await TableSettingsAsync(AzuriteTables.UniquePrefix());
        await using var first = await RunningHost.StartAsync(settings);
        await using var second = await RunningHost.StartAsync(settings, time: first.Time);

        var (access, refresh) = await IssuePairAsync(first);
        Assert.Equal((200, null), await CallMcpAsync(second, access));

        // Rotated on one instance, reused on the other: the family is revoked for both.
        using var rotated = await RefreshAsync(second, refresh);
        var (secondAccess, _) = await TokensAsync(rotated);
        first.Time.Advance(RefreshSettings.DefaultReuseGrace + TimeSpan.FromSeconds(1)); // past the retry grace
        using var reuse = await RefreshAsync(first, refresh);
        Assert.Equal("INVALID_GRANT", await ErrorCodeAsync(reuse));
        Assert.Equal((401, "revoked"), await CallMcpAsync(first, secondAccess));
        second.Time.Advance(RevocationList.SyncInterval + TimeSpan.FromSeconds(1));
        Assert.Equal((401, "revoked"), await CallMcpAsync(second, secondAccess));
    }
}
