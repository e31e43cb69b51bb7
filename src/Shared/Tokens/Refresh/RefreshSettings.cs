using CampaignMcp.Configuration;

namespace CampaignMcp.Tokens.Refresh;

/// <summary>Whether the token endpoints hand out rotating refresh tokens, and how long one lives.</summary>
public sealed class RefreshSettings
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(365);

    public required bool Enabled { get; init; }

    public required TimeSpan Lifetime { get; init; }

    public static RefreshSettings Read(SettingsReader reader) => new()
    {
        Enabled = reader.Flag(SettingNames.RefreshTokensEnabled, fallback: true),
        Lifetime = reader.Duration(SettingNames.RefreshTokenExpiry, DefaultLifetime, MinimumLifetime, MaximumLifetime),
    };
}
