using CampaignMcp.Configuration;

namespace CampaignMcp.Tokens.Refresh;

/// <summary>Whether the token endpoints hand out rotating refresh tokens, and how long one lives.</summary>
public sealed class RefreshSettings
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(365);

    /// <summary>
    /// How long the token a rotation replaced may be presented again and get the same successor (a client
    /// retrying after a lost or failed answer, two tabs, two instances) before presenting it counts as reuse.
    /// Okta's "grace period for token rotation" is the same idea (0-60 s, default 30 s); a client's documented
    /// retry after a 503 (Retry-After 5 s, then up to ~10 s for the next attempt to fail or pass) fits in 60 s.
    /// </summary>
    public static readonly TimeSpan DefaultReuseGrace = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaximumReuseGrace = TimeSpan.FromMinutes(5);

    public required bool Enabled { get; init; }

    public required TimeSpan Lifetime { get; init; }

    /// <summary>Zero turns the grace off: any second presentation is reuse.</summary>
    public TimeSpan ReuseGrace { get; init; } = DefaultReuseGrace;

    public static RefreshSettings Read(SettingsReader reader) => new()
    {
        Enabled = reader.Flag(SettingNames.RefreshTokensEnabled, fallback: true),
        Lifetime = reader.Duration(SettingNames.RefreshTokenExpiry, DefaultLifetime, MinimumLifetime, MaximumLifetime),
        ReuseGrace = reader.Duration(SettingNames.RefreshTokenReuseGrace, DefaultReuseGrace, TimeSpan.Zero, MaximumReuseGrace),
    };
}
