using System.Collections.Frozen;
using System.Security.Cryptography;

namespace CampaignMcp.Configuration;

/// <summary>
/// Authorization settings, resolved once at start-up from <see cref="AuthSettingsSource"/>.
/// Values that cannot be understood (a bad <c>MCP_TOKEN_EXPIRY</c>, say) are start-up errors, see
/// <see cref="AuthSettingsValidator"/>. A missing or weak credential is not: the app starts, reports
/// <c>misconfigured</c> in health and refuses the protected endpoints with 503 (<see cref="Issues"/>),
/// so that a production deployment never serves open because a secret was forgotten.
/// </summary>
public sealed class AuthSettings
{
    public static readonly IReadOnlyList<string> DefaultAllowedClients = ["claude", "chatgpt", "cursor", "vscode", "continue"];
    public static readonly IReadOnlyList<string> DefaultCorsOrigins = ["https://claude.ai", "https://chat.openai.com", "https://cursor.sh"];
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultRefreshTokenLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan MinimumRefreshTokenLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaximumRefreshTokenLifetime = TimeSpan.FromDays(365);
    public static readonly TimeSpan MinimumLockoutWindow = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaximumLockoutWindow = TimeSpan.FromDays(1);
    public const int DefaultLockoutMaxFailures = 10;
    public static readonly TimeSpan DefaultLockoutWindow = TimeSpan.FromMinutes(5);
    public const int MaximumPreviousSecrets = 5;
    public const string DefaultLocalBaseUrl = "http://127.0.0.1:7071";

    /// <summary>Path of the MCP endpoint; the default audience is the app's URL plus this path (RFC 8707 resource).</summary>
    public const string McpResourcePath = "/api/v1/mcp";

    public required DeploymentEnvironment Environment { get; init; }
    public required bool AuthEnabled { get; init; }
    public string? ApiKey { get; init; }
    public string? JwtSecret { get; init; }

    /// <summary>True when the app made up a development API key and secret because none were set.</summary>
    public bool UsesGeneratedDevelopmentCredentials { get; init; }
    public required TimeSpan TokenLifetime { get; init; }

    /// <summary>Retired-but-accepted secrets from <c>MCP_JWT_PREVIOUS_SECRETS</c>, newest first; they validate, never sign.</summary>
    public IReadOnlyList<string> PreviousJwtSecrets { get; init; } = [];
    public bool RefreshTokensEnabled { get; init; } = true;
    public TimeSpan RefreshTokenLifetime { get; init; } = DefaultRefreshTokenLifetime;

    /// <summary>0 when the failed-attempt limit is off.</summary>
    public int LockoutMaxFailures { get; init; } = DefaultLockoutMaxFailures;
    public TimeSpan LockoutWindow { get; init; } = DefaultLockoutWindow;
    public required IReadOnlyList<string> AllowedClientList { get; init; }
    public required FrozenSet<string> AllowedClients { get; init; }
    public required IReadOnlyList<string> CorsOrigins { get; init; }
    public required string PublicBaseUrl { get; init; }
    public required string Issuer { get; init; }
    public required string Audience { get; init; }

    /// <summary>Credential problems: while any exists, protected endpoints answer 503.</summary>
    public required IReadOnlyList<ConfigurationIssue> Issues { get; init; }

    /// <summary>Choices that work but deserve an operator's eye (auth switched off in production, say).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    public bool IsProduction => Environment == DeploymentEnvironment.Production;
    public bool IsServiceable => Issues.Count == 0;
    public bool AllowsAnyOrigin => CorsOrigins.Contains("*");

    /// <summary>Collects every start-up error in <paramref name="source"/>; empty when it can be resolved.</summary>
    public static IReadOnlyList<ConfigurationIssue> FindStartupErrors(AuthSettingsSource source)
    {
        var errors = new List<ConfigurationIssue>();
        if (!string.IsNullOrWhiteSpace(source.AuthEnabled) && !SettingParsers.TryParseBoolean(source.AuthEnabled, out _))
        {
            errors.Add(new(SettingNames.AuthEnabled, "must be true, false, 1, 0, yes or no"));
        }

        if (!string.IsNullOrWhiteSpace(source.TokenExpiry) && !SettingParsers.TryParseTokenLifetime(source.TokenExpiry, out _, out var expiryError))
        {
            errors.Add(new(SettingNames.TokenExpiry, expiryError));
        }

        if (source.AllowedClients is { } clients && !string.IsNullOrWhiteSpace(clients)
            && SettingParsers.ParseList(clients, StringComparer.OrdinalIgnoreCase).Count == 0)
        {
            errors.Add(new(SettingNames.AllowedClients, "lists no client id"));
        }

        foreach (var origin in SettingParsers.ParseList(source.CorsOrigin, StringComparer.Ordinal))
        {
            if (origin != "*" && !IsOrigin(origin))
            {
                errors.Add(new(SettingNames.CorsOrigin, $"has '{origin}', which is not an origin like https://claude.ai (scheme and host, no path)"));
            }
        }

        if (!string.IsNullOrWhiteSpace(source.PublicUrl) && !SettingParsers.TryParseBaseUrl(source.PublicUrl, out _))
        {
            errors.Add(new(SettingNames.PublicUrl, "must be an absolute http or https URL"));
        }

        if (!string.IsNullOrWhiteSpace(source.RefreshTokensEnabled) && !SettingParsers.TryParseBoolean(source.RefreshTokensEnabled, out _))
        {
            errors.Add(new(SettingNames.RefreshTokensEnabled, "must be true, false, 1, 0, yes or no"));
        }

        if (!string.IsNullOrWhiteSpace(source.RefreshTokenExpiry)
            && !SettingParsers.TryParseDuration(source.RefreshTokenExpiry, MinimumRefreshTokenLifetime, MaximumRefreshTokenLifetime, out _, out var refreshError))
        {
            errors.Add(new(SettingNames.RefreshTokenExpiry, refreshError));
        }

        if (!string.IsNullOrWhiteSpace(source.LockoutMaxFailures) && !SettingParsers.TryParseCount(source.LockoutMaxFailures, 0, 100_000, out _))
        {
            errors.Add(new(SettingNames.LockoutMaxFailures, "must be a whole number from 0 (off) to 100000"));
        }

        if (!string.IsNullOrWhiteSpace(source.LockoutWindow)
            && !SettingParsers.TryParseDuration(source.LockoutWindow, MinimumLockoutWindow, MaximumLockoutWindow, out _, out var windowError))
        {
            errors.Add(new(SettingNames.LockoutWindow, windowError));
        }

        var previous = SettingParsers.ParseList(source.JwtPreviousSecrets, StringComparer.Ordinal);
        if (previous.Count > MaximumPreviousSecrets)
        {
            errors.Add(new(SettingNames.JwtPreviousSecrets, $"lists {previous.Count} secrets; keep at most {MaximumPreviousSecrets} (retire the oldest)"));
        }

        for (var index = 0; index < previous.Count; index++)
        {
            // A weak validation key forges tokens as well as a weak signing key: refuse it outright. Never echo the value.
            if (!KeyVaultReference.IsUnresolved(previous[index]) && SecretStrength.Weakness(previous[index]) is { } weakness)
            {
                errors.Add(new(SettingNames.JwtPreviousSecrets, $"entry {index + 1} {weakness}"));
            }
        }

        foreach (var (name, value) in new[] { (SettingNames.JwtIssuer, source.JwtIssuer), (SettingNames.JwtAudience, source.JwtAudience) })
        {
            if (value is not null && value.Length > 0 && (string.IsNullOrWhiteSpace(value) || value.Trim() != value))
            {
                errors.Add(new(name, "must not be blank or carry surrounding spaces"));
            }
        }

        return errors;
    }

    /// <summary>Resolves settings; call only when <see cref="FindStartupErrors"/> found none.</summary>
    public static AuthSettings Resolve(AuthSettingsSource source)
    {
        var startupErrors = FindStartupErrors(source);
        if (startupErrors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", startupErrors));
        }

        var environment = EnvironmentDetector.Detect(source.NodeEnv, source.WebsiteSiteName, source.AzureFunctionsEnvironment);
        var isProduction = environment == DeploymentEnvironment.Production;
        var authEnabled = string.IsNullOrWhiteSpace(source.AuthEnabled)
            ? isProduction
            : SettingParsers.TryParseBoolean(source.AuthEnabled, out var explicitAuth) && explicitAuth;

        var lifetime = !string.IsNullOrWhiteSpace(source.TokenExpiry) && SettingParsers.TryParseTokenLifetime(source.TokenExpiry, out var configured, out _)
            ? configured
            : DefaultTokenLifetime;

        var clients = string.IsNullOrWhiteSpace(source.AllowedClients)
            ? DefaultAllowedClients
            : SettingParsers.ParseList(source.AllowedClients, StringComparer.OrdinalIgnoreCase);
        var origins = string.IsNullOrWhiteSpace(source.CorsOrigin)
            ? DefaultCorsOrigins
            : SettingParsers.ParseList(source.CorsOrigin, StringComparer.Ordinal);

        var issues = new List<ConfigurationIssue>();
        var warnings = new List<string>();
        var apiKey = Blank(source.ApiKey) || KeyVaultReference.IsUnresolved(source.ApiKey) ? null : source.ApiKey;
        var secret = Blank(source.JwtSecret) || KeyVaultReference.IsUnresolved(source.JwtSecret) ? null : source.JwtSecret;
        var generated = false;
        if (!isProduction && (apiKey is null || secret is null))
        {
            // Development only: a fresh random credential for this process, so that the local run
            // needs no configuration. Production never does this.
            apiKey ??= RandomHex(16);
            secret ??= RandomHex(32);
            generated = true;
        }

        if (apiKey is null)
        {
            issues.Add(new(SettingNames.ApiKey, KeyVaultReference.IsUnresolved(source.ApiKey) ? KeyVaultReference.Problem : "is not set"));
        }
        else if (SecretStrength.ApiKeyWeakness(apiKey) is { } keyWeakness)
        {
            issues.Add(new(SettingNames.ApiKey, keyWeakness));
        }

        if (secret is null)
        {
            issues.Add(new(SettingNames.JwtSecret, KeyVaultReference.IsUnresolved(source.JwtSecret) ? KeyVaultReference.Problem : "is not set"));
        }
        else if (SecretStrength.Weakness(secret) is { } weakness)
        {
            issues.Add(new(SettingNames.JwtSecret, weakness));
        }

        if (isProduction && !authEnabled)
        {
            warnings.Add($"authorization is off in production because {SettingNames.AuthEnabled} says so");
        }

        if (origins.Contains("*"))
        {
            warnings.Add($"{SettingNames.CorsOrigin} allows every browser origin");
        }

        var previousSecrets = SettingParsers.ParseList(source.JwtPreviousSecrets, StringComparer.Ordinal)
            .Where(previousSecret => previousSecret != secret && !KeyVaultReference.IsUnresolved(previousSecret))
            .ToArray();
        var refreshEnabled = string.IsNullOrWhiteSpace(source.RefreshTokensEnabled)
            || (SettingParsers.TryParseBoolean(source.RefreshTokensEnabled, out var explicitRefresh) && explicitRefresh);
        var refreshLifetime = !string.IsNullOrWhiteSpace(source.RefreshTokenExpiry)
            && SettingParsers.TryParseDuration(source.RefreshTokenExpiry, MinimumRefreshTokenLifetime, MaximumRefreshTokenLifetime, out var configuredRefresh, out _)
            ? configuredRefresh
            : DefaultRefreshTokenLifetime;
        var lockoutFailures = !string.IsNullOrWhiteSpace(source.LockoutMaxFailures) && SettingParsers.TryParseCount(source.LockoutMaxFailures, 0, 100_000, out var configuredFailures)
            ? configuredFailures
            : DefaultLockoutMaxFailures;
        var lockoutWindow = !string.IsNullOrWhiteSpace(source.LockoutWindow)
            && SettingParsers.TryParseDuration(source.LockoutWindow, MinimumLockoutWindow, MaximumLockoutWindow, out var configuredWindow, out _)
            ? configuredWindow
            : DefaultLockoutWindow;
        if (isProduction && lockoutFailures == 0)
        {
            warnings.Add($"the failed API-key attempt limit is off in production because {SettingNames.LockoutMaxFailures} is 0");
        }

        var baseUrl = ResolvePublicBaseUrl(source);
        return new AuthSettings
        {
            Environment = environment,
            AuthEnabled = authEnabled,
            ApiKey = apiKey,
            JwtSecret = secret,
            UsesGeneratedDevelopmentCredentials = generated,
            TokenLifetime = lifetime,
            PreviousJwtSecrets = previousSecrets,
            RefreshTokensEnabled = refreshEnabled,
            RefreshTokenLifetime = refreshLifetime,
            LockoutMaxFailures = lockoutFailures,
            LockoutWindow = lockoutWindow,
            AllowedClientList = clients,
            AllowedClients = clients.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            CorsOrigins = origins,
            PublicBaseUrl = baseUrl,
            Issuer = Blank(source.JwtIssuer) ? baseUrl : source.JwtIssuer!,
            Audience = Blank(source.JwtAudience) ? baseUrl + McpResourcePath : source.JwtAudience!,
            Issues = issues,
            Warnings = warnings,
        };
    }

    /// <summary><c>MCP_PUBLIC_URL</c>, else the platform's <c>WEBSITE_HOSTNAME</c>, else the local default.</summary>
    private static string ResolvePublicBaseUrl(AuthSettingsSource source)
    {
        if (!Blank(source.PublicUrl) && SettingParsers.TryParseBaseUrl(source.PublicUrl!, out var configured))
        {
            return configured;
        }

        if (!Blank(source.WebsiteHostname))
        {
            var host = source.WebsiteHostname!.Trim();
            var local = host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal);
            return (local ? "http://" : "https://") + host;
        }

        return DefaultLocalBaseUrl;
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.GetLeftPart(UriPartial.Authority) == value;

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
