using CampaignMcp.Configuration;

namespace CampaignMcp.Storage;

/// <summary>Which stores the app uses and, for Table Storage, how to reach it.</summary>
public sealed class StorageSettings
{
    public const string Embedded = "embedded";
    public const string Table = "table";
    public const string DefaultTablePrefix = "mcp";
    private const int MaximumPrefixLength = 40;

    /// <summary><see cref="Embedded"/> or <see cref="Table"/>.</summary>
    public string Store { get; private init; } = Embedded;

    public bool UsesTables => Store == Table;

    /// <summary>Set when <see cref="UsesTables"/>.</summary>
    public TableConnection? Connection { get; private init; }

    public string TablePrefix { get; private init; } = DefaultTablePrefix;

    public static IReadOnlyList<ConfigurationIssue> FindStartupErrors(StorageSettingsSource source)
    {
        var errors = new List<ConfigurationIssue>();
        Resolve(source, errors);
        return errors;
    }

    /// <summary>The settings in force; throws naming the setting when they are unusable (start-up validation runs first).</summary>
    public static StorageSettings Resolve(StorageSettingsSource source)
    {
        var errors = new List<ConfigurationIssue>();
        var settings = Resolve(source, errors);
        return errors.Count == 0 ? settings : throw new InvalidOperationException(string.Join("; ", errors));
    }

    private static StorageSettings Resolve(StorageSettingsSource source, List<ConfigurationIssue> errors)
    {
        var store = string.IsNullOrWhiteSpace(source.Store) ? Embedded : source.Store.Trim().ToLowerInvariant();
        if (store is not (Embedded or Table))
        {
            errors.Add(new ConfigurationIssue(SettingNames.Store, $"must be '{Embedded}' or '{Table}'; got '{Shorten(source.Store!)}'"));
        }

        var prefix = string.IsNullOrWhiteSpace(source.TablePrefix) ? DefaultTablePrefix : source.TablePrefix.Trim();
        // Table names are 3-63 letters and digits starting with a letter; the longest suffix is 15 characters.
        if (prefix.Length > MaximumPrefixLength || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(new ConfigurationIssue(SettingNames.StorageTablePrefix, $"must be 1 to {MaximumPrefixLength} letters or digits starting with a letter"));
        }

        // The dedicated setting is checked even when the store is embedded: a typo there should not wait for the switch.
        var dedicated = TableConnection.Parse(SettingNames.StorageConnection, source.Connection, source.ConnectionTableServiceUri, source.ConnectionAccountName, source.ConnectionCredential, source.ConnectionClientId, out var error);
        if (error is not null)
        {
            errors.Add(error);
        }

        TableConnection? connection = null;
        if (store == Table && error is null)
        {
            connection = dedicated ?? TableConnection.Parse(SettingNames.AzureWebJobsStorage, source.WebJobsStorage, source.WebJobsStorageTableServiceUri, source.WebJobsStorageAccountName, source.WebJobsStorageCredential, source.WebJobsStorageClientId, out error);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (connection is null)
            {
                errors.Add(new ConfigurationIssue(SettingNames.Store,
                    $"is '{Table}' but no storage connection is set: set {SettingNames.StorageConnection} (a connection string, or " +
                    $"{SettingNames.StorageConnection}__{IdentityConnection.TableServiceUri} for a managed identity) or {SettingNames.AzureWebJobsStorage}"));
            }
        }

        return new StorageSettings { Store = store, Connection = connection, TablePrefix = prefix };
    }

    private static string Shorten(string value) => value.Length > 32 ? value[..32] + "…" : value;
}
