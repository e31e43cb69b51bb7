using Microsoft.Extensions.Configuration;

namespace CampaignMcp.Configuration;

/// <summary>
/// Reads raw settings (environment, App Settings, <c>local.settings.json</c> Values) for the settings areas,
/// each value once, and collects what cannot be understood as <see cref="Errors"/> that name the variable and
/// never echo its value. A value in error reads as its default, so an area can always be built; start-up
/// then stops on the errors, naming each variable.
/// </summary>
public sealed class SettingsReader(IConfiguration configuration)
{
    private const string BooleanProblem = "must be true, false, 1, 0, yes or no";
    private readonly List<ConfigurationIssue> errors = [];
    private readonly HashSet<string> unresolved = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ConfigurationIssue> Errors => errors;

    public static SettingsReader FromValues(IEnumerable<KeyValuePair<string, string?>> values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    /// <summary>The value as set, or null when it is missing or blank.</summary>
    public string? Text(string name) => Raw(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>
    /// The value exactly as set (blank included), or null when it is missing or is a Key Vault reference the
    /// platform could not resolve: that text is guessable, so it must never serve as a secret (<see cref="KeyVaultReference"/>).
    /// </summary>
    public string? Raw(string name)
    {
        var value = configuration[name];
        if (KeyVaultReference.IsUnresolved(value))
        {
            unresolved.Add(name);
            return null;
        }

        return value;
    }

    /// <summary>True when the setting was read and held an unresolved Key Vault reference (so it reads as unset).</summary>
    public bool IsUnresolvedReference(string name) => unresolved.Contains(name);

    /// <summary>"is not set", or why a setting that is set reads as unset.</summary>
    public string Unset(string name) => IsUnresolvedReference(name) ? KeyVaultReference.Problem : "is not set";

    public void Problem(string name, string problem) => errors.Add(new(name, problem));

    /// <summary><c>true/false/1/0/yes/no</c> in any case.</summary>
    public bool Flag(string name, bool fallback)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        if (SettingParsers.TryParseBoolean(text, out var value))
        {
            return value;
        }

        Problem(name, BooleanProblem);
        return fallback;
    }

    /// <summary>A duration in the token-expiry formats (<see cref="SettingParsers.TryParseDuration"/>) within the bounds.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback, TimeSpan minimum, TimeSpan maximum)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        if (SettingParsers.TryParseDuration(text, minimum, maximum, out var value, out var error))
        {
            return value;
        }

        Problem(name, error);
        return fallback;
    }

    /// <summary>A whole number within the bounds; <paramref name="problem"/> says what is expected.</summary>
    public int Count(string name, int fallback, int minimum, int maximum, string problem)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        if (SettingParsers.TryParseCount(text, minimum, maximum, out var value))
        {
            return value;
        }

        Problem(name, problem);
        return fallback;
    }

    /// <summary>A comma-separated list (<see cref="SettingParsers.ParseList"/>); empty when the setting is missing.</summary>
    public IReadOnlyList<string> List(string name, StringComparer comparer) => SettingParsers.ParseList(Text(name), comparer);

    /// <summary>An absolute http(s) base URL without a trailing slash, or null when missing or not one.</summary>
    public string? BaseUrl(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (SettingParsers.TryParseBaseUrl(text, out var url))
        {
            return url;
        }

        Problem(name, "must be an absolute http or https URL");
        return null;
    }
}
