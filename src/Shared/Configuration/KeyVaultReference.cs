using Microsoft.Extensions.Configuration;

namespace CampaignMcp.Configuration;

/// <summary>
/// App Service and Functions pass a Key Vault reference that they could not resolve to the app as its literal
/// text (<c>@Microsoft.KeyVault(SecretUri=…)</c>), and may keep serving that text for up to a day. That text is
/// long and varied enough to pass a strength check, yet anyone can guess it from the vault's name: a setting
/// holding one is treated as unset, its problem says why, and start-up logs what to check.
/// https://learn.microsoft.com/azure/app-service/app-service-key-vault-references
/// </summary>
public static class KeyVaultReference
{
    /// <summary>How every reference starts, in both its <c>SecretUri=</c> and <c>VaultName=;SecretName=</c> forms.</summary>
    public const string Prefix = "@Microsoft.KeyVault(";

    /// <summary>The problem, after the setting's name, for health, 503 answers and the start-up report.</summary>
    public const string Problem =
        "is an unresolved Key Vault reference, so it is treated as unset: check that the app's keyVaultReferenceIdentity "
        + "holds Key Vault Secrets User on the vault, that the secret exists, and that the vault's network rules admit the app";

    /// <summary>True when <paramref name="value"/> is a Key Vault reference the platform did not replace with the secret.</summary>
    public static bool IsUnresolved(string? value) =>
        value is not null && value.AsSpan().TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Names (never values) of every setting in <paramref name="configuration"/> that holds an unresolved reference.</summary>
    public static IReadOnlyList<string> UnresolvedSettings(IConfiguration configuration) =>
        configuration.AsEnumerable()
            .Where(setting => IsUnresolved(setting.Value))
            .Select(setting => setting.Key)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
