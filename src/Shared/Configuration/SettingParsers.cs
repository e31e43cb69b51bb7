using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CampaignMcp.Configuration;

/// <summary>Parsers for the original server's value formats. Each returns false instead of throwing.</summary>
public static class SettingParsers
{
    public static readonly TimeSpan MinimumTokenLifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumTokenLifetime = TimeSpan.FromDays(30);

    /// <summary><c>true/false/1/0/yes/no</c> in any case.</summary>
    public static bool TryParseBoolean(string value, out bool result)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes":
                result = true;
                return true;
            case "false" or "0" or "no":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    /// <summary>
    /// <c>90s</c>, <c>30m</c>, <c>24h</c>, <c>7d</c> or bare seconds <c>3600</c> (the formats the original's
    /// <c>jsonwebtoken</c> <c>expiresIn</c> was given), within <paramref name="minimum"/> to <paramref name="maximum"/>.
    /// </summary>
    public static bool TryParseDuration(string value, TimeSpan minimum, TimeSpan maximum, out TimeSpan lifetime, [NotNullWhen(false)] out string? error)
    {
        lifetime = default;
        var text = value.Trim();
        if (text.Length == 0)
        {
            error = "is empty";
            return false;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        var multiplier = unit switch
        {
            's' => 1L,
            'm' => 60L,
            'h' => 3600L,
            'd' => 86400L,
            _ => 0L,
        };
        var digits = multiplier == 0 ? text : text[..^1];
        if (multiplier == 0)
        {
            multiplier = 1;
        }

        if (digits.Length == 0 || digits.Length > 9 || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            error = "must look like 90s, 30m, 24h, 7d or a number of seconds";
            return false;
        }

        lifetime = TimeSpan.FromSeconds(amount * multiplier);
        if (lifetime < minimum || lifetime > maximum)
        {
            error = $"must be between {Describe(minimum)} and {Describe(maximum)}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>A whole number within the bounds.</summary>
    public static bool TryParseCount(string value, int minimum, int maximum, out int count) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= minimum && count <= maximum;

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? Plural((int)span.TotalDays, "day")
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? Plural((int)span.TotalHours, "hour")
        : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? Plural((int)span.TotalMinutes, "minute")
        : Plural((int)span.TotalSeconds, "second");

    private static string Plural(int amount, string unit) => amount == 1 ? $"1 {unit}" : $"{amount} {unit}s";

    /// <summary>Comma-separated, entries trimmed, empty entries dropped, duplicates removed (first wins).</summary>
    public static IReadOnlyList<string> ParseList(string? value, StringComparer comparer)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var seen = new HashSet<string>(comparer);
        var items = new List<string>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (seen.Add(part))
            {
                items.Add(part);
            }
        }

        return items;
    }

    /// <summary>An absolute http(s) URL, without a trailing slash.</summary>
    public static bool TryParseBaseUrl(string value, [NotNullWhen(true)] out string? url)
    {
        url = null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        url = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return true;
    }
}
