using CampaignMcp.Configuration;

namespace CampaignMcp.SignalR;

/// <summary>Resolved SignalR settings: the endpoint, or null when the SignalR surface is not configured.</summary>
public sealed class SignalRSettings
{
    public SignalRServiceEndpoint? Endpoint { get; private init; }

    public bool UsesLocalStandIn { get; private init; }

    /// <summary>Set when the connection string is there but unusable (an unresolved Key Vault reference): health is then misconfigured.</summary>
    public ConfigurationIssue? Issue { get; private init; }

    public string Mode => Issue is not null ? "misconfigured" : Endpoint is null ? "not_configured" : UsesLocalStandIn ? "local_stand_in" : "azure_signalr_service";

    public static SignalRSettings Resolve(SignalRSettingsSource source)
    {
        if (string.IsNullOrWhiteSpace(source.ConnectionString))
        {
            return new SignalRSettings();
        }

        if (KeyVaultReference.IsUnresolved(source.ConnectionString))
        {
            return new SignalRSettings { Issue = new(SettingNames.AzureSignalRConnectionString, KeyVaultReference.Problem) };
        }

        return SignalRServiceEndpoint.TryParse(source.ConnectionString, out var endpoint, out var error)
            ? new SignalRSettings { Endpoint = endpoint, UsesLocalStandIn = string.Equals(source.LocalStandIn, "true", StringComparison.OrdinalIgnoreCase) }
            : throw new InvalidOperationException($"{SettingNames.AzureSignalRConnectionString} {error}");
    }
}
