using System.Net;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CampaignMcp.Functional.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functional.Tests.Tokens;

public sealed class LockoutTests
{
    private const string WrongKey = "wrong-api-key-0123456789";

    [Fact]
    public async Task Ten_failures_from_one_address_refuse_its_further_wrong_keys_with_retry_after_but_never_the_right_key()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.BehindProxySettings());
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var failed = await IssueAsync(host, apiKey: WrongKey, forwardedFor: "203.0.113.7");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await IssueAsync(host, clientId: "cursor", apiKey: WrongKey, forwardedFor: "203.0.113.7");
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Equal("TOO_MANY_ATTEMPTS", await ErrorCodeAsync(locked));
        var retryAfter = locked.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 290, 300);
        Assert.Contains(host.Logs.Lines, line => line.Contains("too many failed API-key attempts by address", StringComparison.Ordinal));

        // The right key is never refused: whoever shares the address cannot lock its owner out.
        using var rightKey = await IssueAsync(host, forwardedFor: "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, rightKey.StatusCode);

        using var otherAddress = await IssueAsync(host, clientId: "cursor", forwardedFor: "198.51.100.1");
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);

        host.Time.Advance(TimeSpan.FromMinutes(5));
        using var afterWindow = await IssueAsync(host, apiKey: WrongKey, forwardedFor: "203.0.113.7");
        Assert.Equal(HttpStatusCode.Unauthorized, afterWindow.StatusCode);
    }

    [Fact]
    public async Task Failures_for_one_client_id_count_across_addresses_and_refuse_only_more_wrong_keys()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.BehindProxySettings());
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var failed = await IssueAsync(host, clientId: "cursor", apiKey: WrongKey, forwardedFor: $"203.0.113.{attempt + 1}");
        }

        // More wrong keys for that client are refused without being checked, from any address...
        using var locked = await IssueAsync(host, clientId: "cursor", apiKey: WrongKey, forwardedFor: "198.51.100.9");
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);

        // ...but the right key still works: naming a client must not be a way to lock it out.
        using var rightKey = await IssueAsync(host, clientId: "cursor", forwardedFor: "198.51.100.10");
        Assert.Equal(HttpStatusCode.OK, rightKey.StatusCode);
    }

    [Fact]
    public async Task The_limit_is_shared_by_instances_and_survives_a_restart()
    {
        var attempts = new InMemoryFailedAttemptStore();
        void Shared(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IFailedAttemptStore>(attempts));
        await using (var first = await RunningHost.StartAsync(RunningHost.BehindProxySettings(), configureServices: Shared))
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                using var failed = await OAuthAsync(first, "/api/v1/mcp/oauth/token", [new("grant_type", "client_credentials")], basic: ("claude", WrongKey), forwardedFor: "203.0.113.50");
                Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            }
        }

        await using var restarted = await RunningHost.StartAsync(RunningHost.BehindProxySettings(), configureServices: Shared);
        using var locked = await IssueAsync(restarted, clientId: "cursor", apiKey: WrongKey, forwardedFor: "203.0.113.50");
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("203.0.113.9:{0}", "203.0.113.9:1")]
    [InlineData("[2001:db8:5:6::{0:x}]:443", "2001:db8:5:6:ffff::1")]
    public async Task A_new_port_or_another_address_of_the_same_ipv6_64_is_the_same_caller(string pattern, string sameCaller)
    {
        await using var host = await RunningHost.StartAsync(RunningHost.BehindProxySettings());
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            using var failed = await IssueAsync(host, clientId: "cursor", apiKey: WrongKey, forwardedFor: string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, 40000 + attempt));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await IssueAsync(host, clientId: "claude", apiKey: WrongKey, forwardedFor: sameCaller);
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
    }

    [Fact]
    public async Task A_limit_of_zero_turns_lockout_off()
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_LOCKOUT_MAX_FAILURES"] = "0";
        await using var host = await RunningHost.StartAsync(settings);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            using var failed = await IssueAsync(host, apiKey: WrongKey);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
    }
}
