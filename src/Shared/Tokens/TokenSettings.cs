using System.Collections.Frozen;
using System.Security.Cryptography;
using CampaignMcp.Configuration;

namespace CampaignMcp.Tokens;

/// <summary>
/// Who may get a token and what it looks like: whether authorization is on, the API key, the signing
/// secret and the retired ones that still validate, the lifetime, the allowed clients, issuer and audience.
/// A missing or weak credential is not a start-up error but an <see cref="Issues"/> entry: the app starts,
/// health says <c>misconfigured</c> and the protected endpoints answer 503.
/// </summary>
public sealed class TokenSettings : ISettingsArea
{
    public static readonly IReadOnlyList<string> DefaultAllowedClients = ["claude", "chatgpt", "cursor", "vscode", "continue"];
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(24);
    public const int MaximumPreviousSecrets = 5;

    /// <summary>Path of the MCP endpoint; the default audience is the app's URL plus this path (RFC 8707 resource).</summary>
    public const string McpResourcePath = "/api/v1/mcp";

    public required bool AuthEnabled { get; init; }
    public string? ApiKey { get; init; }
    public string? JwtSecret { get; init; }

    /// <summary>True when the app made up a development API key and secret because none were set.</summary>
    public bool UsesGeneratedDevelopmentCredentials { get; init; }
    public required TimeSpan TokenLifetime { get; init; }

    /// <summary>Retired-but-accepted secrets from <c>MCP_JWT_PREVIOUS_SECRETS</c>, newest first; they validate, never sign.</summary>
    public IReadOnlyList<string> PreviousJwtSecrets { get; init; } = [];
    public required IReadOnlyList<string> AllowedClientList { get; init; }
    public required FrozenSet<string> AllowedClients { get; init; }
    public required string Issuer { get; init; }
    public required string Audience { get; init; }

    public required IReadOnlyList<ConfigurationIssue> Issues { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    public static TokenSettings Read(SettingsReader reader, DeploymentSettings deployment)
    {
        var authEnabled = reader.Flag(SettingNames.AuthEnabled, fallback: deployment.IsProduction);
        var lifetime = reader.Duration(SettingNames.TokenExpiry, DefaultTokenLifetime, SettingParsers.MinimumTokenLifetime, SettingParsers.MaximumTokenLifetime);
        var clients = ReadAllowedClients(reader);
        var issues = new List<ConfigurationIssue>();
        var warnings = new List<string>();
        var apiKey = reader.Text(SettingNames.ApiKey);
        var secret = reader.Text(SettingNames.JwtSecret);
        var generated = false;
        if (!deployment.IsProduction && (apiKey is null || secret is null))
        {
            // Development only: a fresh random credential for this process, so that the local run
            // needs no configuration. Production never does this.
            apiKey ??= RandomHex(16);
            secret ??= RandomHex(32);
            generated = true;
        }

        if (apiKey is null)
        {
            issues.Add(new(SettingNames.ApiKey, reader.Unset(SettingNames.ApiKey)));
        }
        else if (SecretStrength.ApiKeyWeakness(apiKey) is { } keyWeakness)
        {
            issues.Add(new(SettingNames.ApiKey, keyWeakness));
        }
        else if (SecretStrength.ApiKeyEntropyWeakness(apiKey) is { } entropyWeakness)
        {
            // Production refuses it; development, where keys are typed by hand, only warns.
            if (deployment.IsProduction)
            {
                issues.Add(new(SettingNames.ApiKey, entropyWeakness));
            }
            else
            {
                warnings.Add($"{SettingNames.ApiKey} {entropyWeakness}; production refuses such a key");
            }
        }

        if (secret is null)
        {
            issues.Add(new(SettingNames.JwtSecret, reader.Unset(SettingNames.JwtSecret)));
        }
        else if (SecretStrength.Weakness(secret) is { } weakness)
        {
            issues.Add(new(SettingNames.JwtSecret, weakness));
        }

        if (deployment.IsProduction && !authEnabled)
        {
            warnings.Add($"authorization is off in production because {SettingNames.AuthEnabled} says so");
        }

        return new TokenSettings
        {
            AuthEnabled = authEnabled,
            ApiKey = apiKey,
            JwtSecret = secret,
            UsesGeneratedDevelopmentCredentials = generated,
            TokenLifetime = lifetime,
            PreviousJwtSecrets = ReadPreviousSecrets(reader).Where(previous => previous != secret).ToArray(),
            AllowedClientList = clients,
            AllowedClients = clients.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            Issuer = ReadName(reader, SettingNames.JwtIssuer) ?? deployment.PublicBaseUrl,
            Audience = ReadName(reader, SettingNames.JwtAudience) ?? deployment.PublicBaseUrl + McpResourcePath,
            Issues = issues,
            Warnings = warnings,
        };
    }

    private static IReadOnlyList<string> ReadAllowedClients(SettingsReader reader)
    {
        if (reader.Text(SettingNames.AllowedClients) is null)
        {
            return DefaultAllowedClients;
        }

        var clients = reader.List(SettingNames.AllowedClients, StringComparer.OrdinalIgnoreCase);
        if (clients.Count == 0)
        {
            reader.Problem(SettingNames.AllowedClients, "lists no client id");
            return DefaultAllowedClients;
        }

        return clients;
    }

    private static string[] ReadPreviousSecrets(SettingsReader reader)
    {
        // App Service resolves only a whole value, so a reference among the entries never resolves: drop it.
        var previous = reader.List(SettingNames.JwtPreviousSecrets, StringComparer.Ordinal).Where(entry => !KeyVaultReference.IsUnresolved(entry)).ToArray();
        if (previous.Length > MaximumPreviousSecrets)
        {
            reader.Problem(SettingNames.JwtPreviousSecrets, $"lists {previous.Length} secrets; keep at most {MaximumPreviousSecrets} (retire the oldest)");
        }

        for (var index = 0; index < previous.Length; index++)
        {
            // A weak validation key forges tokens as well as a weak signing key: refuse it outright. Never echo the value.
            if (SecretStrength.Weakness(previous[index]) is { } weakness)
            {
                reader.Problem(SettingNames.JwtPreviousSecrets, $"entry {index + 1} {weakness}");
            }
        }

        return previous;
    }

    /// <summary>An issuer or audience override: null when unset; blank or padded values are errors.</summary>
    private static string? ReadName(SettingsReader reader, string name)
    {
        var raw = reader.Raw(name);
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(raw) || raw.Trim() != raw)
        {
            reader.Problem(name, "must not be blank or carry surrounding spaces");
            return null;
        }

        return raw;
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
