using System.Net;
using CampaignMcp.TestSupport;
using CampaignMcp.TokenState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CampaignMcp.Functions.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functions.Tests.Tokens;

public sealed class LockoutTests
{
    private const string WrongKey = "wrong-api-key-0123456789";

    [Fact]
    public async Task Ten_failures_from_one_address_lock_it_out_with_retry_after_even_for_the_right_key()
    {
        await using var host = await RunningHost.StartAsync();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var failed = await IssueAsync(host, apiKey: WrongKey, forwardedFor: "203.0.113.7");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await IssueAsync(host, forwardedFor: "203.0.113.7");
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Equal("TOO_MANY_ATTEMPTS", await ErrorCodeAsync(locked));
        var retryAfter = locked.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 290, 300);
        Assert.Contains(host.Logs.Lines, line => line.Contains("too many failed API-key attempts by address", StringComparison.Ordinal));

        using var otherAddress = await IssueAsync(host, clientId: "cursor", forwardedFor: "198.51.100.1");
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);

        host.Time.Advance(TimeSpan.FromMinutes(5));
        using var afterWindow = await IssueAsync(host, forwardedFor: "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
    }

    [Fact]
    public async Task Failures_for_one_client_id_count_across_addresses()
    {
        await using var host = await RunningHost.StartAsync();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var failed = await IssueAsync(host, clientId: "cursor", apiKey: WrongKey, forwardedFor: $"203.0.113.{attempt + 1}");
        }

        using var locked = await IssueAsync(host, clientId: "cursor", forwardedFor: "198.51.100.9");
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        using var otherClient = await IssueAsync(host, clientId: "claude", forwardedFor: "198.51.100.9");
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task The_limit_is_shared_by_instances_and_survives_a_restart()
    {
        var attempts = new InMemoryFailedAttemptStore();
        void Shared(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IFailedAttemptStore>(attempts));
        await using (var first = await RunningHost.StartAsync(configureServices: Shared))
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                using var failed = await OAuthAsync(first, "/api/v1/mcp/oauth/token", [new("grant_type", "client_credentials")], basic: ("claude", WrongKey), forwardedFor: "203.0.113.50");
                Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            }
        }

        await using var restarted = await RunningHost.StartAsync(configureServices: Shared);
        using var locked = await IssueAsync(restarted, clientId: "cursor", forwardedFor: "203.0.113.50");
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
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
