using System.Net;
using CampaignMcp.Security.Tests.Support;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// Every hostile token of <see cref="HostileTokens"/> is refused with its exact reason on every surface
/// that accepts an access token, leaves an audit line naming that reason, and never reaches the logs itself.
/// </summary>
public sealed class HostileTokenTests(HostileTokenFixture fixture) : IClassFixture<HostileTokenFixture>
{
    public static TheoryData<string> Cases => new(HostileTokens.Names);

    public static TheoryData<string> ControlNames => new(["issued by the token endpoint", "built by hand like the server builds it", "signed by the previous secret, still listed"]);

    public static TheoryData<string> IdentityModelRefusals => new(HostileTokens.Cases.Where(c => c.IdentityModelRefuses).Select(c => c.Name));

    private AttackHost Target => fixture.Target;

    [Fact]
    public void The_catalogue_holds_at_least_30_distinct_attacks()
    {
        Assert.True(HostileTokens.Cases.Count >= 30, $"only {HostileTokens.Cases.Count} cases");
        Assert.Equal(HostileTokens.Cases.Count, HostileTokens.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(HostileTokens.Cases.Count, fixture.Tokens.Values.Select(t => t.Token).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Mcp_http_answers_401_with_the_reason_in_the_challenge_and_in_the_json_rpc_error(string name)
    {
        var hostile = fixture.Tokens[name];
        var address = AttackHost.NextAddress();
        using var response = await Target.McpHttpAsync(hostile.Token, address);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertChallenge(response, hostile.Expected);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal(-32003, error.GetProperty("code").GetInt32());
        Assert.Equal(hostile.Expected.Code(), error.GetProperty("data").GetProperty("reason").GetString());
        Target.AssertAudited("mcp-http", hostile.Expected.Code(), address);
        Target.AssertNeverLogged(hostile.Token);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Negotiate_answers_401_with_the_reason_in_the_challenge_and_the_error(string name)
    {
        var hostile = fixture.Tokens[name];
        var address = AttackHost.NextAddress();
        using var response = await Target.NegotiateAsync(hostile.Token, address);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertChallenge(response, hostile.Expected);
        Assert.Equal($"Invalid token: {hostile.Expected.Describe()}", (await Json.ReadAsync(response)).GetProperty("error").GetString());
        Target.AssertAudited("signalr-negotiate", hostile.Expected.Code(), address);
        Target.AssertNeverLogged(hostile.Token);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_signalr_message_with_the_token_in_params_auth_gets_json_rpc_error_32003_with_the_reason(string name) =>
        await AssertSignalRRefusesAsync(fixture.Tokens[name], sealedClaim: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_signalr_message_with_the_token_sealed_in_the_claim_gets_json_rpc_error_32003_with_the_reason(string name) =>
        await AssertSignalRRefusesAsync(fixture.Tokens[name], sealedClaim: true);

    [Theory]
    [MemberData(nameof(ControlNames))]
    public async Task Control_tokens_are_accepted_on_every_surface(string name)
    {
        var token = fixture.Controls[name];
        using var http = await Target.McpHttpAsync(token, AttackHost.NextAddress());
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        using var negotiate = await Target.NegotiateAsync(token, AttackHost.NextAddress());
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        foreach (var sealedClaim in new[] { false, true })
        {
            var reply = await Target.SignalRAsync(token, sealedClaim, $"control-{Guid.NewGuid():N}");
            Assert.True(reply.TryGetProperty("result", out _), reply.ToString());
        }
    }

    // The reader must never be more lenient than the library: these cases are refused by the surfaces above because
    // JsonWebTokenHandler, given the same keys, issuer, audience, type, skew and clock, refuses them.
    [Theory]
    [MemberData(nameof(IdentityModelRefusals))]
    public async Task JsonWebTokenHandler_with_the_servers_validation_parameters_refuses_it_too(string name)
    {
        var result = await fixture.Baseline.ValidateAsync(fixture.Tokens[name].Token);
        Assert.False(result.IsValid, $"{name}: JsonWebTokenHandler accepts it");
    }

    [Theory]
    [MemberData(nameof(ControlNames))]
    public async Task JsonWebTokenHandler_with_the_servers_validation_parameters_accepts_the_control_tokens(string name)
    {
        var result = await fixture.Baseline.ValidateAsync(fixture.Controls[name]);
        Assert.True(result.IsValid, $"{name}: {IdentityModelBaseline.Reason(result)}");
    }

    private async Task AssertSignalRRefusesAsync(HostileToken hostile, bool sealedClaim)
    {
        var connection = $"attack-{Guid.NewGuid():N}";
        var reply = await Target.SignalRAsync(hostile.Token, sealedClaim, connection);

        var error = reply.GetProperty("error");
        Assert.Equal(-32003, error.GetProperty("code").GetInt32());
        Assert.Equal(hostile.Expected.Code(), error.GetProperty("data").GetProperty("reason").GetString());
        Target.AssertAudited("signalr", hostile.Expected.Code(), $"signalr:{connection}");
        Target.AssertNeverLogged(hostile.Token);
    }

    /// <summary>RFC 6750 §3: <c>error="invalid_token"</c> and the reason's sentence as <c>error_description</c>.</summary>
    private static void AssertChallenge(HttpResponseMessage response, TokenFailure expected)
    {
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains($"error_description=\"{expected.Describe()}\"", challenge.Parameter, StringComparison.Ordinal);
    }
}
