using System.Diagnostics.CodeAnalysis;
using CampaignMcp.Configuration;

namespace CampaignMcp.SignalR;

/// <summary>Resolved SignalR settings: the endpoint, or null when the SignalR surface is not configured.</summary>
public sealed class SignalRSettings
{
    public SignalRServiceEndpoint? Endpoint { get; private init; }

    public bool UsesLocalStandIn { get; private init; }

    /// <summary>Set when the connection string is there but unusable (an unresolved Key Vault reference): health is then misconfigured.</summary>
    public ConfigurationIssue? Issue { get; private init; }

    /// <summary>When set, upstream calls must carry the service's managed-identity token.</summary>
    public UpstreamIdentity? Upstream { get; private init; }

    public string Mode => Issue is not null ? "misconfigured" : Endpoint is null ? "not_configured" : UsesLocalStandIn ? "local_stand_in" : "azure_signalr_service";

    public static SignalRSettings Resolve(SignalRSettingsSource source) =>
        TryResolve(source, out var settings, out var error) ? settings : throw new InvalidOperationException(error);

    /// <summary>The settings, or an error that starts with the name of the setting at fault.</summary>
    public static bool TryResolve(SignalRSettingsSource source, [NotNullWhen(true)] out SignalRSettings? settings, [NotNullWhen(false)] out string? error)
    {
        settings = null;
        if (!TryUpstream(source, out var upstream, out error))
        {
            return false;
        }

        var hasConnectionString = !string.IsNullOrWhiteSpace(source.ConnectionString);
        var hasServiceUri = !string.IsNullOrWhiteSpace(source.ServiceUri);
        if (hasConnectionString && hasServiceUri)
        {
            error = $"{SettingNames.AzureSignalRConnectionString} and {SettingNames.AzureSignalRConnectionString}__{SignalRSettingsSource.ServiceUriPart} are both set; keep one";
            return false;
        }

        if (!hasConnectionString && !hasServiceUri)
        {
            settings = new SignalRSettings { Upstream = upstream };
            return true;
        }

        if (hasConnectionString && KeyVaultReference.IsUnresolved(source.ConnectionString))
        {
            settings = new SignalRSettings { Issue = new(SettingNames.AzureSignalRConnectionString, KeyVaultReference.Problem), Upstream = upstream };
            return true;
        }

        SignalRServiceEndpoint? endpoint;
        if (hasConnectionString
            ? !SignalRServiceEndpoint.TryParse(source.ConnectionString!, out endpoint, out var parseError)
            : !SignalRServiceEndpoint.TryFromIdentitySettings(source.ServiceUri!, source.Credential, source.ClientId, source.TenantId, source.ClientSecret, out endpoint, out parseError))
        {
            error = hasConnectionString ? $"{SettingNames.AzureSignalRConnectionString} {parseError}" : $"{SettingNames.AzureSignalRConnectionString}{parseError}";
            return false;
        }

        settings = new SignalRSettings
        {
            Endpoint = endpoint,
            UsesLocalStandIn = string.Equals(source.LocalStandIn, "true", StringComparison.OrdinalIgnoreCase),
            Upstream = upstream,
        };
        return true;
    }

    private static bool TryUpstream(SignalRSettingsSource source, out UpstreamIdentity? upstream, [NotNullWhen(false)] out string? error)
    {
        upstream = null;
        error = null;
        var audience = source.UpstreamAudience?.Trim();
        var issuer = source.UpstreamIssuer?.Trim();
        if (string.IsNullOrEmpty(audience))
        {
            if (!string.IsNullOrEmpty(issuer) || !string.IsNullOrWhiteSpace(source.UpstreamKeysUrl))
            {
                error = $"{SettingNames.SignalRUpstreamAudience} is needed with {SettingNames.SignalRUpstreamIssuer} and {SettingNames.SignalRUpstreamKeysUrl}";
                return false;
            }

            return true;
        }

        if (string.IsNullOrEmpty(issuer) || !Uri.TryCreate(issuer, UriKind.Absolute, out _))
        {
            error = $"{SettingNames.SignalRUpstreamIssuer} must be the token issuer's URL (e.g. https://sts.windows.net/<tenant id>/) when {SettingNames.SignalRUpstreamAudience} is set";
            return false;
        }

        var keys = UpstreamIdentity.EntraKeysUrl;
        if (!string.IsNullOrWhiteSpace(source.UpstreamKeysUrl)
            && (!Uri.TryCreate(source.UpstreamKeysUrl.Trim(), UriKind.Absolute, out keys) || (keys.Scheme != Uri.UriSchemeHttps && !keys.IsLoopback)))
        {
            error = $"{SettingNames.SignalRUpstreamKeysUrl} must be an absolute https URL (http only on loopback)";
            return false;
        }

        upstream = new UpstreamIdentity(audience, issuer, keys);
        return true;
    }
}
