using CampaignMcp.Configuration;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Parsers;

/// <summary>The JWT reader every surface uses, against random text and mutations of a token the server issued.</summary>
public sealed class AccessTokenValidatorFuzzTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_reader_never_throws_and_accepts_only_the_untouched_token_or_one_the_key_signed()
    {
        var time = new FakeTimeProvider(Start);
        var settings = TestSettings.Read(
            (SettingNames.ApiKey, "fuzz-test-api-key-0123"),
            (SettingNames.JwtSecret, TestSecrets.StrongSecret),
            (SettingNames.PublicUrl, "https://issuer.test"),
            (SettingNames.TokenExpiry, "1h")).Tokens;
        var key = new SigningKey(settings);
        var validator = new AccessTokenValidator(settings, key, new RevocationList(new InMemoryRevokedTokenStore(), time, NullLogger<RevocationList>.Instance), time);
        var valid = new TokenIssuer(settings, key, time).Issue("claude", Scopes.All).AccessToken;

        await FuzzRun.RunAsync("jwt-reader", new TokenMutations(valid, TestSecrets.StrongSecret, Start).All(), 20_000, async candidate =>
        {
            var outcome = await validator.ValidateAsync(candidate.Token);
            Assert.True(candidate.Allowed.Contains(outcome.Failure), $"{candidate.Mutation}: {outcome.Failure}, expected one of {string.Join(", ", candidate.Allowed)}");
            if (outcome.IsValid)
            {
                Assert.True(settings.AllowedClients.Contains(outcome.Principal.ClientId), outcome.Principal.ClientId);
                Assert.NotNull(outcome.Principal.ExpiresAt);
            }
            else
            {
                Assert.NotEqual(TokenFailure.None, outcome.Failure);
            }
        }, output);
    }
}
