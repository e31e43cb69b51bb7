using CampaignMcp.Configuration;
using CampaignMcp.Tokens;

namespace CampaignMcp.Tests.Configuration;

public class TokenLifecycleSettingsTests
{
    private const string PreviousSecret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    private static AuthSettingsSource Source() => new() { ApiKey = "settings-test-api-key", JwtSecret = AuthSettingsTests.StrongSecret };

    [Fact]
    public void Defaults_are_refresh_on_for_30_days_and_10_failures_in_5_minutes()
    {
        var settings = AuthSettings.Resolve(Source());
        Assert.True(settings.RefreshTokensEnabled);
        Assert.Equal(TimeSpan.FromDays(30), settings.RefreshTokenLifetime);
        Assert.Equal(10, settings.LockoutMaxFailures);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.LockoutWindow);
        Assert.Empty(settings.PreviousJwtSecrets);
    }

    [Fact]
    public void Every_setting_is_read_in_the_formats_the_token_expiry_uses()
    {
        var source = Source();
        source.RefreshTokensEnabled = "no";
        source.RefreshTokenExpiry = "90d";
        source.LockoutMaxFailures = "3";
        source.LockoutWindow = "15m";
        source.JwtPreviousSecrets = $" {PreviousSecret} , {AuthSettingsTests.StrongSecret} ";
        var settings = AuthSettings.Resolve(source);
        Assert.False(settings.RefreshTokensEnabled);
        Assert.Equal(TimeSpan.FromDays(90), settings.RefreshTokenLifetime);
        Assert.Equal(3, settings.LockoutMaxFailures);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.LockoutWindow);
        // The current secret listed again is dropped: it already validates.
        Assert.Equal([PreviousSecret], settings.PreviousJwtSecrets);
        Assert.Equal(2, new SigningKey(settings).ValidationKeys.Select(key => key.KeyId).Distinct().Count());
    }

    [Theory]
    [InlineData(nameof(AuthSettingsSource.RefreshTokensEnabled), "sometimes", SettingNames.RefreshTokensEnabled)]
    [InlineData(nameof(AuthSettingsSource.RefreshTokenExpiry), "1m", SettingNames.RefreshTokenExpiry)]
    [InlineData(nameof(AuthSettingsSource.RefreshTokenExpiry), "400d", SettingNames.RefreshTokenExpiry)]
    [InlineData(nameof(AuthSettingsSource.LockoutMaxFailures), "-1", SettingNames.LockoutMaxFailures)]
    [InlineData(nameof(AuthSettingsSource.LockoutMaxFailures), "ten", SettingNames.LockoutMaxFailures)]
    [InlineData(nameof(AuthSettingsSource.LockoutWindow), "5s", SettingNames.LockoutWindow)]
    [InlineData(nameof(AuthSettingsSource.LockoutWindow), "2d", SettingNames.LockoutWindow)]
    [InlineData(nameof(AuthSettingsSource.JwtPreviousSecrets), "short-old-secret", SettingNames.JwtPreviousSecrets)]
    public void A_bad_value_is_a_startup_error_naming_the_variable(string property, string value, string variable)
    {
        var source = Source();
        typeof(AuthSettingsSource).GetProperty(property)!.SetValue(source, value);
        var error = Assert.Single(AuthSettings.FindStartupErrors(source));
        Assert.StartsWith(variable, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message.Replace(variable, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_five_previous_secrets_is_a_startup_error()
    {
        var source = Source();
        source.JwtPreviousSecrets = string.Join(',', Enumerable.Range(0, 6).Select(i => PreviousSecret[..^1] + i));
        Assert.Contains(AuthSettings.FindStartupErrors(source), error => error.Message.Contains("at most 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Lockout_off_in_production_is_a_warning()
    {
        var source = Source();
        source.NodeEnv = "production";
        source.LockoutMaxFailures = "0";
        Assert.Contains(AuthSettings.Resolve(source).Warnings, warning => warning.Contains(SettingNames.LockoutMaxFailures, StringComparison.Ordinal));
    }
}
