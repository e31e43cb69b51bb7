using Microsoft.Extensions.Configuration;

namespace CampaignMcp.Configuration;

/// <summary>
/// The authorization settings as they arrive (environment, App Settings with Key Vault references
/// already resolved by the platform, or <c>local.settings.json</c> Values), bound once by name.
/// <see cref="AuthSettings"/> is what the app uses; this type only carries the raw text.
/// </summary>
public sealed class AuthSettingsSource
{
    [ConfigurationKeyName(SettingNames.NodeEnv)] public string? NodeEnv { get; set; }
    [ConfigurationKeyName(SettingNames.ApiKey)] public string? ApiKey { get; set; }
    [ConfigurationKeyName(SettingNames.JwtSecret)] public string? JwtSecret { get; set; }
    [ConfigurationKeyName(SettingNames.AuthEnabled)] public string? AuthEnabled { get; set; }
    [ConfigurationKeyName(SettingNames.TokenExpiry)] public string? TokenExpiry { get; set; }
    [ConfigurationKeyName(SettingNames.AllowedClients)] public string? AllowedClients { get; set; }
    [ConfigurationKeyName(SettingNames.CorsOrigin)] public string? CorsOrigin { get; set; }
    [ConfigurationKeyName(SettingNames.JwtIssuer)] public string? JwtIssuer { get; set; }
    [ConfigurationKeyName(SettingNames.JwtAudience)] public string? JwtAudience { get; set; }
    [ConfigurationKeyName(SettingNames.JwtPreviousSecrets)] public string? JwtPreviousSecrets { get; set; }
    [ConfigurationKeyName(SettingNames.RefreshTokensEnabled)] public string? RefreshTokensEnabled { get; set; }
    [ConfigurationKeyName(SettingNames.RefreshTokenExpiry)] public string? RefreshTokenExpiry { get; set; }
    [ConfigurationKeyName(SettingNames.LockoutMaxFailures)] public string? LockoutMaxFailures { get; set; }
    [ConfigurationKeyName(SettingNames.LockoutWindow)] public string? LockoutWindow { get; set; }
    [ConfigurationKeyName(SettingNames.PublicUrl)] public string? PublicUrl { get; set; }
    [ConfigurationKeyName(SettingNames.WebsiteSiteName)] public string? WebsiteSiteName { get; set; }
    [ConfigurationKeyName(SettingNames.WebsiteHostname)] public string? WebsiteHostname { get; set; }
    [ConfigurationKeyName(SettingNames.AzureFunctionsEnvironment)] public string? AzureFunctionsEnvironment { get; set; }
}
