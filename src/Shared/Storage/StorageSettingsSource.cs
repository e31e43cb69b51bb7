using CampaignMcp.Configuration;
using Microsoft.Extensions.Configuration;

namespace CampaignMcp.Storage;

/// <summary>
/// The storage settings as they arrive, bound once by name. An identity-based connection is a group of
/// settings sharing a prefix, <c>NAME__tableServiceUri</c> and so on, as the Functions host reads them
/// (https://learn.microsoft.com/azure/azure-functions/functions-reference#configure-an-identity-based-connection);
/// the environment provider turns <c>__</c> into <c>:</c>, which is what the key names below say.
/// </summary>
public sealed class StorageSettingsSource
{
    [ConfigurationKeyName(SettingNames.Store)] public string? Store { get; set; }
    [ConfigurationKeyName(SettingNames.StorageTablePrefix)] public string? TablePrefix { get; set; }

    [ConfigurationKeyName(SettingNames.StorageConnection)] public string? Connection { get; set; }
    [ConfigurationKeyName(SettingNames.StorageConnection + ":" + IdentityConnection.TableServiceUri)] public string? ConnectionTableServiceUri { get; set; }
    [ConfigurationKeyName(SettingNames.StorageConnection + ":" + IdentityConnection.AccountName)] public string? ConnectionAccountName { get; set; }
    [ConfigurationKeyName(SettingNames.StorageConnection + ":" + IdentityConnection.Credential)] public string? ConnectionCredential { get; set; }
    [ConfigurationKeyName(SettingNames.StorageConnection + ":" + IdentityConnection.ClientId)] public string? ConnectionClientId { get; set; }

    [ConfigurationKeyName(SettingNames.AzureWebJobsStorage)] public string? WebJobsStorage { get; set; }
    [ConfigurationKeyName(SettingNames.AzureWebJobsStorage + ":" + IdentityConnection.TableServiceUri)] public string? WebJobsStorageTableServiceUri { get; set; }
    [ConfigurationKeyName(SettingNames.AzureWebJobsStorage + ":" + IdentityConnection.AccountName)] public string? WebJobsStorageAccountName { get; set; }
    [ConfigurationKeyName(SettingNames.AzureWebJobsStorage + ":" + IdentityConnection.Credential)] public string? WebJobsStorageCredential { get; set; }
    [ConfigurationKeyName(SettingNames.AzureWebJobsStorage + ":" + IdentityConnection.ClientId)] public string? WebJobsStorageClientId { get; set; }

    /// <summary>
    /// Fills the identity parts still unset from their <c>NAME__part</c> spelling, which sources other than the
    /// environment (local.settings.json read by the local host, in-memory test settings) keep as it is.
    /// </summary>
    public void ReadDoubleUnderscoreNames(IConfiguration configuration)
    {
        string? Read(string name, string part) => configuration[$"{name}__{part}"];
        ConnectionTableServiceUri ??= Read(SettingNames.StorageConnection, IdentityConnection.TableServiceUri);
        ConnectionAccountName ??= Read(SettingNames.StorageConnection, IdentityConnection.AccountName);
        ConnectionCredential ??= Read(SettingNames.StorageConnection, IdentityConnection.Credential);
        ConnectionClientId ??= Read(SettingNames.StorageConnection, IdentityConnection.ClientId);
        WebJobsStorageTableServiceUri ??= Read(SettingNames.AzureWebJobsStorage, IdentityConnection.TableServiceUri);
        WebJobsStorageAccountName ??= Read(SettingNames.AzureWebJobsStorage, IdentityConnection.AccountName);
        WebJobsStorageCredential ??= Read(SettingNames.AzureWebJobsStorage, IdentityConnection.Credential);
        WebJobsStorageClientId ??= Read(SettingNames.AzureWebJobsStorage, IdentityConnection.ClientId);
    }

    /// <summary>Reads every storage setting from <paramref name="configuration"/> (the CLI, which has no options pipeline).</summary>
    public static StorageSettingsSource Read(IConfiguration configuration)
    {
        var source = configuration.Get<StorageSettingsSource>() ?? new StorageSettingsSource();
        source.ReadDoubleUnderscoreNames(configuration);
        return source;
    }
}
