using CampaignMcp.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;
using static CampaignMcp.Functional.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functional.Tests.Tokens;

/// <summary>The rotation runbook of docs/operations.md, step by step, on real hosts sharing one address.</summary>
public sealed class KeyRotationTests
{
    private const string NewSecret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    [Fact]
    public async Task Tokens_signed_with_the_previous_secret_work_until_it_is_retired()
    {
        var baseUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        string oldToken;
        string oldKid;
        await using (var before = await RunningHost.StartAsync(baseUrl: baseUrl))
        {
            oldToken = (await IssuePairAsync(before)).Access;
            oldKid = new JsonWebToken(oldToken).Kid;
        }

        // Step 1: new secret signs, old one still validates.
        var rotating = RunningHost.DefaultSettings();
        rotating["MCP_JWT_SECRET"] = NewSecret;
        rotating["MCP_JWT_PREVIOUS_SECRETS"] = RunningHost.Secret;
        await using (var during = await RunningHost.StartAsync(rotating, baseUrl))
        {
            Assert.Equal((200, null), await CallMcpAsync(during, oldToken));
            var newToken = (await IssuePairAsync(during)).Access;
            Assert.NotEqual(oldKid, new JsonWebToken(newToken).Kid);
            Assert.Equal((200, null), await CallMcpAsync(during, newToken));
        }

        // Step 2: after the longest token lifetime, the old secret is removed and its tokens are refused by kid.
        var retired = RunningHost.DefaultSettings();
        retired["MCP_JWT_SECRET"] = NewSecret;
        await using var after = await RunningHost.StartAsync(retired, baseUrl);
        Assert.Equal((401, "unknown_key"), await CallMcpAsync(after, oldToken));
    }
}
