using CampaignMcp.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CampaignMcp.SignalR;

/// <summary>The raw setting, bound by the name the official SignalR bindings use.</summary>
public sealed class SignalRSettingsSource
{
    [ConfigurationKeyName(SettingNames.AzureSignalRConnectionString)] public string? ConnectionString { get; set; }

    /// <summary>Set by the local host when it serves its own stand-in for the service.</summary>
    [ConfigurationKeyName(SettingNames.SignalRLocalStandIn)] public string? LocalStandIn { get; set; }
}

/// <summary>Resolved SignalR settings: the endpoint, or null when the SignalR surface is not configured.</summary>
public sealed class SignalRSettings
{
    public SignalRServiceEndpoint? Endpoint { get; private init; }

    public bool UsesLocalStandIn { get; private init; }

    public string Mode => Endpoint is null ? "not_configured" : UsesLocalStandIn ? "local_stand_in" : "azure_signalr_service";

    public static SignalRSettings Resolve(SignalRSettingsSource source)
    {
        if (string.IsNullOrWhiteSpace(source.ConnectionString))
        {
            return new SignalRSettings();
        }

        return SignalRServiceEndpoint.TryParse(source.ConnectionString, out var endpoint, out var error)
            ? new SignalRSettings { Endpoint = endpoint, UsesLocalStandIn = string.Equals(source.LocalStandIn, "true", StringComparison.OrdinalIgnoreCase) }
            : throw new InvalidOperationException($"{SettingNames.AzureSignalRConnectionString} {error}");
    }
}

public sealed class SignalRSettingsValidator : IValidateOptions<SignalRSettingsSource>
{
    public ValidateOptionsResult Validate(string? name, SignalRSettingsSource options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString) || SignalRServiceEndpoint.TryParse(options.ConnectionString, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SettingNames.AzureSignalRConnectionString} {error}");
}
