using CampaignMcp.Configuration;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.Tests.Tokens;

public class AccessTokenValidatorTests
{
    private const string Issuer = "https://issuer.test";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private readonly TokenSettings settings = Settings(TestSecrets.StrongSecret);

    private static TokenSettings Settings(string secret) => TestSettings.Read(
        (SettingNames.ApiKey, "validator-test-api-key"),
        (SettingNames.JwtSecret, secret),
        (SettingNames.PublicUrl, Issuer),
        (SettingNames.TokenExpiry, "1h")).Tokens;

    private AccessTokenValidator Validator(TokenSettings? with = null)
    {
        var chosen = with ?? settings;
        return new AccessTokenValidator(chosen, new SigningKey(chosen), new RevocationList(new InMemoryRevokedTokenStore(), time, NullLogger<RevocationList>.Instance), time);
    }

    private string Issue(string clientId = "claude", params string[] scopes)
    {
        var issuer = new TokenIssuer(settings, new SigningKey(settings), time);
        return issuer.Issue(clientId, scopes.Length == 0 ? Scopes.Default : scopes).AccessToken;
    }

    [Fact]
    public async Task An_issued_token_validates_to_its_client_and_scopes()
    {
        var outcome = await Validator().ValidateAsync(Issue("Cursor", Scopes.CampaignsRead, Scopes.CampaignsExport));
        Assert.True(outcome.IsValid);
        Assert.Equal("Cursor", outcome.Principal.ClientId);
        Assert.Equal(ScopeSet.CampaignsRead | ScopeSet.CampaignsExport, outcome.Principal.Scopes);
        Assert.Equal(Start.AddHours(1), outcome.Principal.ExpiresAt);
    }

    public static TheoryData<string, TokenFailure> HostileTokens()
    {
        var secret = TestSecrets.StrongSecret;
        var other = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
        var good = TokenFactory.Create(secret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp");
        var parts = good.Split('.');
        var header = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[0]));
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
        return new TheoryData<string, TokenFailure>
        {
            { "", TokenFailure.Missing },
            { "not-a-jwt", TokenFailure.Malformed },
            { "a.b.c", TokenFailure.Malformed },
            { parts[0] + "." + parts[1], TokenFailure.Malformed },
            { good + ".extra", TokenFailure.Malformed },
            { "!!!." + parts[1] + "." + parts[2], TokenFailure.Malformed },
            { new string('a', AccessTokenValidator.MaximumTokenLength + 1), TokenFailure.Malformed },
            { TokenFactory.Create(other, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp"), TokenFailure.UnknownKey },
            { parts[0] + "." + TokenFactory.Segment(payload.Replace("tools:call", "campaigns:export", StringComparison.Ordinal)) + "." + parts[2], TokenFailure.BadSignature },
            { parts[0] + "." + parts[1] + "." + parts[2][..^4] + "AAAA", TokenFailure.BadSignature },
            { TokenFactory.Segment(header.Replace("at+jwt", "JWT", StringComparison.Ordinal)) + "." + parts[1] + "." + parts[2], TokenFailure.BadSignature },
            { TokenFactory.Create(secret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp", tokenType: "JWT"), TokenFailure.WrongType },
            { TokenFactory.Segment("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".", TokenFailure.UnsupportedAlgorithm },
            { TokenFactory.Create(secret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp", algorithm: "HS512"), TokenFailure.UnsupportedAlgorithm },
            { TokenFactory.Create(secret, Start, TimeSpan.FromHours(1), "https://evil.test", Issuer + "/api/v1/mcp"), TokenFailure.WrongIssuer },
            { TokenFactory.Create(secret, Start, TimeSpan.FromHours(1), Issuer, "https://other.test/api/v1/mcp"), TokenFailure.WrongAudience },
            { TokenFactory.Create(secret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp", clientId: "mallory"), TokenFailure.ClientNotAllowed },
            { TokenFactory.Create(secret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp", includeClientId: false), TokenFailure.Malformed },
            { TokenFactory.Create(secret, Start.AddHours(-3), TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp"), TokenFailure.Expired },
            { TokenFactory.Create(secret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp", notBefore: Start.AddMinutes(5)), TokenFailure.NotYetValid },
            // Correctly signed, but outside what AccessTokenShape allows.
            { TokenFactory.Sign(header, payload[..^1] + ",\"client_id\":\"cursor\"}", secret), TokenFailure.Malformed },
            { TokenFactory.Sign(header[..^1] + ",\"crit\":[\"x\"],\"x\":1}", payload, secret), TokenFailure.Malformed },
            // The same name spelled with an escape is still a repeated member.
            { TokenFactory.Sign(header, payload[..^1] + ",\"client\\u005fid\":\"cursor\"}", secret), TokenFailure.Malformed },
            // Found by fuzzing the merged shape check: a lone surrogate escape made the repeated-member check throw.
            { TokenFactory.Sign(header, payload[..^1] + ",\"x\":\"\\ud800\"}", secret), TokenFailure.Malformed },
            { TokenFactory.Sign(header, payload.Replace("\"campaigns:read tools:call\"", "[\"campaigns:read\",\"tools:call\"]", StringComparison.Ordinal), secret), TokenFailure.Malformed },
            { good[..10] + " " + good[10..], TokenFailure.Malformed },
            { parts[0] + "=." + parts[1] + "." + parts[2], TokenFailure.Malformed },
        };
    }

    [Theory]
    [MemberData(nameof(HostileTokens))]
    public async Task Every_bad_token_is_refused_with_its_reason(string token, TokenFailure expected)
    {
        var outcome = await Validator().ValidateAsync(token);
        Assert.False(outcome.IsValid);
        Assert.Equal(expected, outcome.Failure);
    }

    [Theory]
    [InlineData("aud as an array naming this server among others")]
    [InlineData("exp with a fraction")]
    [InlineData("claim names and values escaped")]
    [InlineData("header members escaped")]
    public async Task Equivalent_spellings_of_a_signed_token_are_accepted(string variant)
    {
        // Spellings RFC 7515/7519 allow for the same claims, signed with the key: the reader must not refuse them.
        var good = TokenFactory.Create(TestSecrets.StrongSecret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp");
        var parts = good.Split('.');
        var header = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[0]));
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
        var audience = "\"" + Issuer + "/api/v1/mcp\"";
        switch (variant)
        {
            case "aud as an array naming this server among others":
                payload = payload.Replace(audience, "[\"https://other.test\"," + audience + "]", StringComparison.Ordinal);
                break;
            case "exp with a fraction":
                payload = System.Text.RegularExpressions.Regex.Replace(payload, "\"exp\":(\\d+)", "\"exp\":$1.5");
                break;
            case "claim names and values escaped":
                payload = payload.Replace("\"client_id\":\"claude\"", "\"client\\u005fid\":\"cl\\u0061ude\"", StringComparison.Ordinal)
                    .Replace("\"scope\":\"campaigns:read tools:call\"", "\"scope\":\"tools\\u003acall\"", StringComparison.Ordinal);
                break;
            default:
                header = header.Replace("\"alg\":\"HS256\"", "\"\\u0061lg\":\"HS\\u00325\\u0036\"", StringComparison.Ordinal);
                break;
        }

        var token = TokenFactory.Sign(header, payload, TestSecrets.StrongSecret);
        Assert.NotEqual(good, token);
        var outcome = await Validator().ValidateAsync(token);
        Assert.True(outcome.IsValid, $"{variant}: {outcome.Failure}");
        Assert.Equal("claude", outcome.Principal.ClientId);
        Assert.True(outcome.Principal.Has(ScopeSet.ToolsCall), variant);
        if (variant == "claim names and values escaped")
        {
            // The escaped scope is the only one left, so tools:call can only come from reading it unescaped.
            Assert.Equal(ScopeSet.ToolsCall, outcome.Principal.Scopes);
        }
    }

    [Fact]
    public async Task Expiry_allows_at_most_thirty_seconds_of_skew()
    {
        var validator = Validator();
        var token = Issue();
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(29));
        Assert.True((await validator.ValidateAsync(token)).IsValid);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TokenFailure.Expired, (await validator.ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task A_cached_token_is_refused_from_the_moment_it_expires()
    {
        var validator = Validator();
        var token = Issue();
        Assert.True((await validator.ValidateAsync(token)).IsValid);
        Assert.True((await validator.ValidateAsync(token)).IsValid);
        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(TokenFailure.Expired, (await validator.ValidateAsync(token)).Failure);
        Assert.Equal(TokenFailure.Expired, (await validator.ValidateAsync(token)).Failure);
    }

    // Found by fuzzing: exp + skew overflowed DateTime (IdentityModel clamps such an exp to DateTime.MaxValue), first
    // on validation, then on the cached path; the validator threw instead of answering.
    [Fact]
    public async Task An_exp_past_the_end_of_the_calendar_neither_throws_nor_breaks_the_cache()
    {
        var kid = SigningKey.KeyIdFor(System.Text.Encoding.UTF8.GetBytes(TestSecrets.StrongSecret));
        var token = TokenFactory.Sign(
            $$"""{"alg":"HS256","typ":"at+jwt","kid":"{{kid}}"}""",
            $$"""{"iss":"{{Issuer}}","aud":"{{Issuer}}/api/v1/mcp","exp":1588691872943348004,"nbf":{{Start.ToUnixTimeSeconds()}},"client_id":"claude","scope":"campaigns:read"}""",
            TestSecrets.StrongSecret);
        var validator = Validator();
        Assert.True((await validator.ValidateAsync(token)).IsValid);
        Assert.True((await validator.ValidateAsync(token)).IsValid);
    }

    [Fact]
    public async Task Not_before_allows_at_most_thirty_seconds_of_skew()
    {
        var early = TokenFactory.Create(TestSecrets.StrongSecret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp", notBefore: Start.AddSeconds(25));
        Assert.True((await Validator().ValidateAsync(early)).IsValid);
    }

    [Fact]
    public async Task Not_before_further_than_thirty_seconds_ahead_is_refused()
    {
        var early = TokenFactory.Create(TestSecrets.StrongSecret, Start, TimeSpan.FromHours(1), Issuer, Issuer + "/api/v1/mcp", notBefore: Start.AddSeconds(31));
        Assert.Equal(TokenFailure.NotYetValid, (await Validator().ValidateAsync(early)).Failure);
    }

    [Fact]
    public async Task A_client_removed_from_the_allowed_list_loses_its_tokens()
    {
        var token = Issue("cursor");
        var narrowed = TestSettings.Read((SettingNames.ApiKey, "validator-test-api-key"), (SettingNames.JwtSecret, TestSecrets.StrongSecret), (SettingNames.PublicUrl, Issuer), (SettingNames.AllowedClients, "claude")).Tokens;
        Assert.Equal(TokenFailure.ClientNotAllowed, (await Validator(narrowed).ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task Validation_is_unavailable_rather_than_open_when_the_secret_is_weak()
    {
        var weak = Settings("weak-secret");
        Assert.Equal(TokenFailure.Unavailable, (await Validator(weak).ValidateAsync(Issue())).Failure);
    }

    [Fact]
    public void Scope_policy_names_the_missing_scope()
    {
        var principal = new McpPrincipal("claude", ScopeSet.CampaignsRead, "id", Start);
        Assert.True(ScopePolicy.Require(principal, ScopeSet.CampaignsRead).IsAllowed);
        var decision = ScopePolicy.Require(principal, ScopeSet.CampaignsRead | ScopeSet.CampaignsExport);
        Assert.False(decision.IsAllowed);
        Assert.Equal(["campaigns:export"], decision.MissingNames);
        Assert.Equal("Insufficient scope: requires campaigns:export", decision.Message);
    }
}
