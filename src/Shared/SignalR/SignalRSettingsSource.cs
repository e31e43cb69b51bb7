using CampaignMcp.Configuration;
using Microsoft.Extensions.Configuration;

namespace CampaignMcp.SignalR;

/// <summary>The raw settings, bound by the names the official SignalR bindings use.</summary>
public sealed class SignalRSettingsSource
{
    /// <summary>The parts of the identity-based form (<c>AzureSignalRConnectionString__serviceUri</c> and its siblings).</summary>
    public const string ServiceUriPart = "serviceUri";
    public const string CredentialPart = "credential";
    public const string ClientIdPart = "clientId";
    public const string TenantIdPart = "tenantId";
    public const string ClientSecretPart = "clientSecret";

    [ConfigurationKeyName(SettingNames.AzureSignalRConnectionString)] public string? ConnectionString { get; set; }

    [ConfigurationKeyName(SettingNames.AzureSignalRConnectionString + ":" + ServiceUriPart)] public string? ServiceUri { get; set; }

    [ConfigurationKeyName(SettingNames.AzureSignalRConnectionString + ":" + CredentialPart)] public string? Credential { get; set; }

    [ConfigurationKeyName(SettingNames.AzureSignalRConnectionString + ":" + ClientIdPart)] public string? ClientId { get; set; }

    [ConfigurationKeyName(SettingNames.AzureSignalRConnectionString + ":" + TenantIdPart)] public string? TenantId { get; set; }

    [ConfigurationKeyName(SettingNames.AzureSignalRConnectionString + ":" + ClientSecretPart)] public string? ClientSecret { get; set; }

    /// <summary>Set by the local host when it serves its own stand-in for the service.</summary>
    [ConfigurationKeyName(SettingNames.SignalRLocalStandIn)] public string? LocalStandIn { get; set; }

    [ConfigurationKeyName(SettingNames.SignalRUpstreamAudience)] public string? UpstreamAudience { get; set; }

    [ConfigurationKeyName(SettingNames.SignalRUpstreamIssuer)] public string? UpstreamIssuer { get; set; }

    [ConfigurationKeyName(SettingNames.SignalRUpstreamKeysUrl)] public string? UpstreamKeysUrl { get; set; }
}
