using CampaignMcp.Configuration;
using Microsoft.Extensions.Configuration;

namespace CampaignMcp.SignalR;

/// <summary>The raw setting, bound by the name the official SignalR bindings use.</summary>
public sealed class SignalRSettingsSource
{
    [ConfigurationKeyName(SettingNames.AzureSignalRConnectionString)] public string? ConnectionString { get; set; }

    /// <summary>Set by the local host when it serves its own stand-in for the service.</summary>
    [ConfigurationKeyName(SettingNames.SignalRLocalStandIn)] public string? LocalStandIn { get; set; }
}
