using System.Globalization;
using System.Text.Json;

namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// Reads a tool call's arguments, failing with a message that tells the model exactly what to change.
/// Made by <see cref="ToolInput.Read"/> and read through the <see cref="ToolParameter"/>s the tool declares.
/// </summary>
public sealed class ToolArguments
{
    private readonly IDictionary<string, JsonElement> values;
    private readonly IReadOnlyCollection<string> declared;

    internal ToolArguments(IDictionary<string, JsonElement>? arguments, IReadOnlyCollection<string> declared)
    {
        values = arguments ?? new Dictionary<string, JsonElement>();
        this.declared = declared;
        var unknown = values.Keys.Where(key => !declared.Contains(key)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ToolInputException($"Unknown argument '{unknown[0]}'. This tool accepts: {string.Join(", ", declared)}.");
        }
    }

    private bool TryGet(string name, out JsonElement value)
    {
        // Reading an argument the input schema does not list is a bug in the tool, not the caller's mistake.
        if (!declared.Contains(name))
        {
            throw new InvalidOperationException($"The tool reads '{name}', which its input schema does not declare.");
        }

        return values.TryGetValue(name, out value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined;
    }

    public string? OptionalString(string name, int maxLength = 200)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ToolInputException($"'{name}' must be a string.");
        }

        var text = value.GetString()!.Trim();
        if (text.Length > maxLength)
        {
            throw new ToolInputException($"'{name}' must be at most {maxLength} characters.");
        }

        return text.Length == 0 ? null : text;
    }

    public string RequiredString(string name, int maxLength = 200) =>
        OptionalString(name, maxLength) ?? throw new ToolInputException($"'{name}' is required.");

    /// <summary>One value or an array of values, each one of <paramref name="allowed"/>.</summary>
    public IReadOnlySet<T>? OptionalSet<T>(string name, IReadOnlyDictionary<string, T> allowed)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var items = value.ValueKind switch
        {
            JsonValueKind.String => [value],
            JsonValueKind.Array => value.EnumerateArray().ToArray(),
            _ => throw new ToolInputException($"'{name}' must be one of {string.Join(", ", allowed.Keys)}, or an array of them."),
        };
        var set = new HashSet<T>();
        foreach (var item in items)
        {
            if (item.ValueKind != JsonValueKind.String || !allowed.TryGetValue(item.GetString()!.Trim().ToLowerInvariant(), out var parsed))
            {
                throw new ToolInputException($"'{name}' has '{Shorten(item)}', which is not one of: {string.Join(", ", allowed.Keys)}.");
            }

            set.Add(parsed);
        }

        return set.Count == 0 ? null : set;
    }

    public T OptionalChoice<T>(string name, IReadOnlyDictionary<string, T> allowed, T fallback)
    {
        var set = OptionalSet(name, allowed);
        if (set is { Count: > 1 })
        {
            throw new ToolInputException($"'{name}' takes one value: one of {string.Join(", ", allowed.Keys)}.");
        }

        return set is null ? fallback : set.Single();
    }

    public DateOnly? OptionalDate(string name, int maxLength)
    {
        var text = OptionalString(name, maxLength);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ToolInputException($"'{name}' must be a date like 2026-03-31 (YYYY-MM-DD); got '{text}'.");
    }

    public decimal? OptionalDecimal(string name, decimal minimum)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            throw new ToolInputException($"'{name}' must be a number.");
        }

        return number >= minimum ? number : throw new ToolInputException($"'{name}' must be at least {minimum.ToString(CultureInfo.InvariantCulture)}.");
    }

    public int OptionalInt(string name, int minimum, int maximum, int fallback)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new ToolInputException($"'{name}' must be a whole number from {minimum} to {maximum}.");
        }

        return number >= minimum && number <= maximum
            ? number
            : throw new ToolInputException($"'{name}' must be from {minimum} to {maximum}; got {number}.");
    }

    private static string Shorten(JsonElement element)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
