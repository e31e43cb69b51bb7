using CampaignMcp.Configuration;

namespace CampaignMcp.Tests.Configuration;

public class SecretStrengthTests
{
    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // 64 hex digits = 256 bits
    [InlineData("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=")] // base64 of 32 bytes
    [InlineData("correct horse battery staple, mixed with 7 words!")] // 32+ bytes of text
    public void Strong_secrets_pass(string secret) => Assert.Null(SecretStrength.Weakness(secret));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", "fewer than 256 bits")] // 63 hex digits
    [InlineData("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWQ=", "fewer than 256 bits")] // base64 of 29 bytes
    [InlineData("short-but-random!", "fewer than 256 bits")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "placeholder")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "placeholder")]
    public void Weak_secrets_are_named_weak_without_revealing_them(string secret, string expected)
    {
        var weakness = SecretStrength.Weakness(secret);
        Assert.NotNull(weakness);
        Assert.Contains(expected, weakness, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, weakness, StringComparison.Ordinal);
    }
}
