using CampaignMcp.Configuration;
using Microsoft.Extensions.Configuration;

namespace CampaignMcp.Storage;

/// <summary>
/// The storage settings as they arrive. <c>MCP_STORE</c> and the prefix are bound by name; a connection is
/// read by hand because it is a value, a group of settings sharing its name as a prefix, or both:
/// <c>NAME__tableServiceUri</c> and so on, as the Functions host reads identity-based connections
/// (https://learn.microsoft.com/azure/azure-functions/functions-reference#configure-an-identity-based-connection).
/// The binder cannot bind a string to a section that has children, and the environment provider turns
/// <c>__</c> into <c>:</c> while other sources (local.settings.json read by the local host) keep it.
/// </summary>
public sealed class StorageSettingsSource
{
    [ConfigurationKeyName(SettingNames.Store)] public string? Store { get; set; }
    [ConfigurationKeyName(SettingNames.StorageTablePrefix)] public string? TablePrefix { get; set; }

    public string? Connection { get; private set; }
    public string? ConnectionTableServiceUri { get; private set; }
    public string? ConnectionAccountName { get; private set; }
    public string? ConnectionCredential { get; private set; }
    public string? ConnectionClientId { get; private set; }

    public string? WebJobsStorage { get; private set; }
    public string? WebJobsStorageTableServiceUri { get; private set; }
    public string? WebJobsStorageAccountName { get; private set; }
    public string? WebJobsStorageCredential { get; private set; }
    public string? WebJobsStorageClientId { get; private set; }

    /// <summary>Reads both connections (the dedicated one and the host's) from <paramref name="configuration"/>.</summary>
    public void ReadConnections(IConfiguration configuration)
    {
        string? Read(string name, string? part = null) =>
            part is null ? configuration[name] : configuration[$"{name}:{part}"] ?? configuration[$"{name}__{part}"];

        Connection = Read(SettingNames.StorageConnection);
        ConnectionTableServiceUri = Read(SettingNames.StorageConnection, IdentityConnection.TableServiceUri);
        ConnectionAccountName = Read(SettingNames.StorageConnection, IdentityConnection.AccountName);
        ConnectionCredential = Read(SettingNames.StorageConnection, IdentityConnection.Credential);
        ConnectionClientId = Read(SettingNames.StorageConnection, IdentityConnection.ClientId);
        WebJobsStorage = Read(SettingNames.AzureWebJobsStorage);
        WebJobsStorageTableServiceUri = Read(SettingNames.AzureWebJobsStorage, IdentityConnection.TableServiceUri);
        WebJobsStorageAccountName = Read(SettingNames.AzureWebJobsStorage, IdentityConnection.AccountName);
        WebJobsStorageCredential = Read(SettingNames.AzureWebJobsStorage, IdentityConnection.Credential);
        WebJobsStorageClientId = Read(SettingNames.AzureWebJobsStorage, IdentityConnection.ClientId);
    }

    /// <summary>Every storage setting from <paramref name="configuration"/> (the CLI, which has no options pipeline).</summary>
    public static StorageSettingsSource Read(IConfiguration configuration)
    {
        var source = configuration.Get<StorageSettingsSource>() ?? new StorageSettingsSource();
        source.ReadConnections(configuration);
        return source;
    }
}
