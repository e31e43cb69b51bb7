using CampaignMcp.Security.Tests.Support;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// One host under attack for the whole hostile-token catalogue. Its <c>MCP_JWT_PREVIOUS_SECRETS</c> lists
/// <see cref="HostileTokens.PreviousSecret"/> (still accepted) but not <see cref="HostileTokens.RetiredSecret"/>.
/// A second host, the same deployment before <see cref="HostileTokens.RemovedClient"/> was removed from
/// <c>MCP_ALLOWED_CLIENTS</c>, issues that client's token and is stopped again. Time never moves here.
/// </summary>
public sealed class HostileTokenFixture : IAsyncLifetime
{
    public AttackHost Target { get; private set; } = null!;

    public IReadOnlyDictionary<string, HostileToken> Tokens { get; private set; } = null!;

    /// <summary>Tokens every surface must accept: the proof that refusals come from the attack, not the harness.</summary>
    public IReadOnlyDictionary<string, string> Controls { get; private set; } = null!;

    /// <summary>JsonWebTokenHandler with the target's keys, issuer, audience, skew and clock.</summary>
    public IdentityModelBaseline Baseline { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = RunningHost.BehindProxySettings();
        settings["MCP_JWT_PREVIOUS_SECRETS"] = HostileTokens.PreviousSecret;
        var host = await RunningHost.StartAsync(settings);
        Target = new AttackHost(host);

        var former = RunningHost.DefaultSettings();
        former["MCP_PUBLIC_URL"] = host.BaseUrl;
        former["MCP_ALLOWED_CLIENTS"] = "claude," + HostileTokens.RemovedClient;
        await using var formerHost = await RunningHost.StartAsync(former, time: host.Time);

        var forge = new HostileTokenForge(host, formerHost);
        Baseline = new IdentityModelBaseline(host.Services.GetRequiredService<TokenSettings>(), host.Services.GetRequiredService<SigningKey>(), host.Time);
        Tokens = await HostileTokens.BuildAsync(forge);
        Controls = new Dictionary<string, string>
        {
            ["issued by the token endpoint"] = await forge.IssueAsync(),
            ["built by hand like the server builds it"] = forge.Honest(),
            ["signed by the previous secret, still listed"] = forge.Sign(forge.Header(HostileTokenForge.KeyIdOf(HostileTokens.PreviousSecret)), forge.Claims(), HostileTokens.PreviousSecret),
        };
    }

    public async Task DisposeAsync() => await Target.Host.DisposeAsync();
}
