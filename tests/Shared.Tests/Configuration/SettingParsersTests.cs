using CampaignMcp.Configuration;

namespace CampaignMcp.Tests.Configuration;

public class SettingParsersTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("24h", 86400)]
    [InlineData("7d", 604800)]
    [InlineData("3600", 3600)]
    [InlineData("60", 60)]
    [InlineData("30d", 2592000)]
    [InlineData(" 24H ", 86400)]
    [InlineData("1m", 60)]
    public void Token_lifetime_accepts_the_original_formats(string value, int expectedSeconds)
    {
        Assert.True(SettingParsers.TryParseDuration(value, SettingParsers.MinimumTokenLifetime, SettingParsers.MaximumTokenLifetime, out var lifetime, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), lifetime);
    }

    [Theory]
    [InlineData("59s", "between 1 minute and 30 days")]
    [InlineData("59", "between 1 minute and 30 days")]
    [InlineData("31d", "between 1 minute and 30 days")]
    [InlineData("0", "between 1 minute and 30 days")]
    [InlineData("24x", "must look like")]
    [InlineData("h", "must look like")]
    [InlineData("-5m", "must look like")]
    [InlineData("1.5h", "must look like")]
    [InlineData("24 h", "must look like")]
    [InlineData("1w", "must look like")]
    [InlineData("99999999999", "must look like")]
    [InlineData("", "is empty")]
    [InlineData("١٢h", "must look like")]
    public void Token_lifetime_rejects_everything_else(string value, string expectedError)
    {
        Assert.False(SettingParsers.TryParseDuration(value, SettingParsers.MinimumTokenLifetime, SettingParsers.MaximumTokenLifetime, out _, out var error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData(" NO ", false)]
    public void Boolean_accepts_true_false_one_zero_yes_no_in_any_case(string value, bool expected)
    {
        Assert.True(SettingParsers.TryParseBoolean(value, out var result));
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    [InlineData("2")]
    [InlineData("enabled")]
    [InlineData("")]
    public void Boolean_rejects_other_words(string value) => Assert.False(SettingParsers.TryParseBoolean(value, out _));

    [Fact]
    public void Lists_are_trimmed_with_empty_entries_and_duplicates_dropped()
    {
        var list = SettingParsers.ParseList(" claude, ,Cursor,,claude ,CLAUDE", StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["claude", "Cursor"], list);
    }
}
