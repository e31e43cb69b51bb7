using CampaignMcp.Configuration;
using CampaignMcp.Hosting;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;

namespace CampaignMcp.Tests.Configuration;

public class TokenLifecycleSettingsTests
{
    private const string PreviousSecret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    private static CampaignMcpSettings Read(params (string Name, string? Value)[] values) =>
        TestSettings.Read([(SettingNames.ApiKey, "settings-test-api-key"), (SettingNames.JwtSecret, TestSecrets.StrongSecret), .. values]);

    [Fact]
    public void Defaults_are_refresh_on_for_30_days_and_10_failures_in_5_minutes()
    {
        var settings = Read();
        Assert.True(settings.Refresh.Enabled);
        Assert.Equal(TimeSpan.FromDays(30), settings.Refresh.Lifetime);
        Assert.Equal(10, settings.Lockout.MaxFailures);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.Lockout.Window);
        Assert.Empty(settings.Tokens.PreviousJwtSecrets);
    }

    [Fact]
    public void Every_setting_is_read_in_the_formats_the_token_expiry_uses()
    {
        var settings = Read(
            (SettingNames.RefreshTokensEnabled, "no"),
            (SettingNames.RefreshTokenExpiry, "90d"),
            (SettingNames.LockoutMaxFailures, "3"),
            (SettingNames.LockoutWindow, "15m"),
            (SettingNames.JwtPreviousSecrets, $" {PreviousSecret} , {TestSecrets.StrongSecret} "));
        Assert.False(settings.Refresh.Enabled);
        Assert.Equal(TimeSpan.FromDays(90), settings.Refresh.Lifetime);
        Assert.Equal(3, settings.Lockout.MaxFailures);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.Lockout.Window);
        // The current secret listed again is dropped: it already validates.
        Assert.Equal([PreviousSecret], settings.Tokens.PreviousJwtSecrets);
        Assert.Equal(2, new SigningKey(settings.Tokens).ValidationKeys.Select(key => key.KeyId).Distinct().Count());
    }

    [Theory]
    [InlineData(SettingNames.RefreshTokensEnabled, "sometimes")]
    [InlineData(SettingNames.RefreshTokenExpiry, "1m")]
    [InlineData(SettingNames.RefreshTokenExpiry, "400d")]
    [InlineData(SettingNames.LockoutMaxFailures, "-1")]
    [InlineData(SettingNames.LockoutMaxFailures, "ten")]
    [InlineData(SettingNames.LockoutWindow, "5s")]
    [InlineData(SettingNames.LockoutWindow, "2d")]
    [InlineData(SettingNames.JwtPreviousSecrets, "short-old-secret")]
    public void A_bad_value_is_a_startup_error_naming_the_variable(string variable, string value)
    {
        var error = Assert.Single(Read((variable, value)).Errors);
        Assert.StartsWith(variable, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message.Replace(variable, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_five_previous_secrets_is_a_startup_error()
    {
        var secrets = string.Join(',', Enumerable.Range(0, 6).Select(i => PreviousSecret[..^1] + i));
        Assert.Contains(Read((SettingNames.JwtPreviousSecrets, secrets)).Errors, error => error.Message.Contains("at most 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Lockout_off_in_production_is_a_warning()
    {
        var settings = Read((SettingNames.NodeEnv, "production"), (SettingNames.LockoutMaxFailures, "0"));
        Assert.Contains(settings.Readiness.Warnings, warning => warning.Contains(SettingNames.LockoutMaxFailures, StringComparison.Ordinal));
    }
}
