using System.Globalization;
using System.Text;
using CampaignMcp.Configuration;
using CampaignMcp.Security.Tests.Support;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Parsers;

/// <summary>
/// The server reads its own tokens instead of calling IdentityModel; this keeps it honest: over re-signed edits of a
/// valid token, every token the server's validator accepts, <c>JsonWebTokenHandler</c> with the same keys, issuer,
/// audience, type, skew and clock accepts too. The server may be the stricter of the two, never the more lenient.
/// </summary>
public sealed class AccessTokenReaderDifferentialTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    // A whole second and fractions of one: the clock's fraction decides how a fractional nbf or exp falls against the skew.
    private static readonly TimeSpan[] ClockOffsets = [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(999)];

    [Fact]
    public async Task Every_token_the_server_accepts_JsonWebTokenHandler_accepts_too()
    {
        var settings = TestSettings.Read(
            (SettingNames.ApiKey, "fuzz-test-api-key-0123"),
            (SettingNames.JwtSecret, TestSecrets.StrongSecret),
            (SettingNames.PublicUrl, "https://issuer.test"),
            (SettingNames.TokenExpiry, "1h")).Tokens;
        var key = new SigningKey(settings);
        var sides = ClockOffsets.Select(offset =>
        {
            var time = new FakeTimeProvider(Start + offset);
            var revocations = new RevocationList(new InMemoryRevokedTokenStore(), time, NullLogger<RevocationList>.Instance);
            return (Server: new AccessTokenValidator(settings, key, revocations, time), Library: new IdentityModelBaseline(settings, key, time));
        }).ToArray();
        var edits = new ReSignedTokenEdits(TestSecrets.StrongSecret, SigningKey.KeyIdFor(Encoding.UTF8.GetBytes(TestSecrets.StrongSecret)), settings.Issuer, settings.Audience, Start.ToUnixTimeSeconds(), sides.Length);
        int cases = 0, accepted = 0;

        await FuzzRun.RunAsync("jwt-reader-vs-identitymodel", edits.All(), 20_000, async candidate =>
        {
            var (server, library) = sides[candidate.Clock];
            cases++;
            if ((await server.ValidateAsync(candidate.Token)).IsValid)
            {
                // Only this direction is a defect, so the library (slow to refuse: it throws) sees only accepted tokens.
                accepted++;
                var baseline = await library.ValidateAsync(candidate.Token);
                Assert.True(baseline.IsValid, $"the server accepts what JsonWebTokenHandler refuses ({IdentityModelBaseline.Reason(baseline)})");
            }
        }, output);

        var counts = string.Create(CultureInfo.InvariantCulture, $"{cases} cases, {accepted} accepted by the server and checked against JsonWebTokenHandler");
        output.WriteLine(counts);
        // Enough accepted tokens that the property is tested, not vacuously true of refusals.
        Assert.True(accepted * 10 >= cases, counts);
    }
}
