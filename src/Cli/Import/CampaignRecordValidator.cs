using System.Globalization;
using System.Text.RegularExpressions;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Cli.Import;

/// <summary>
/// Turns a record into a campaign or says what is wrong with it, field by field, in the words of the
/// export format (the columns of <see cref="CampaignCsv"/>, the properties of export_campaigns' JSON).
/// </summary>
public static partial class CampaignRecordValidator
{
    public const int MaximumNameLength = 200;

    public static Campaign? Validate(CampaignRecord record, out List<string> errors)
    {
        var problems = new List<string>();
        errors = problems;
        if (record.Problem is not null)
        {
            problems.Add(record.Problem);
        }

        foreach (var (field, value) in record.Fields)
        {
            if (UnsafeCharacters.Describe(value) is { } unsafeText)
            {
                problems.Add($"'{field}' {unsafeText}; control and bidirectional-override characters are not allowed");
            }
        }

        if (record.Tags?.Select(UnsafeCharacters.Describe).FirstOrDefault(problem => problem is not null) is { } unsafeTag)
        {
            problems.Add($"'tags' {unsafeTag}; control and bidirectional-override characters are not allowed");
        }

        string? Text(string name, bool required = true, int maxLength = 200)
        {
            var value = record.Fields.GetValueOrDefault(name)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (required)
                {
                    problems.Add($"'{name}' is required");
                }

                return null;
            }

            if (value.Length > maxLength)
            {
                problems.Add($"'{name}' must be at most {maxLength} characters");
                return null;
            }

            return value;
        }

        T? Choice<T>(string name, IReadOnlyDictionary<string, T> allowed) where T : struct
        {
            var value = Text(name);
            if (value is null)
            {
                return null;
            }

            if (allowed.TryGetValue(value.ToLowerInvariant(), out var parsed))
            {
                return parsed;
            }

            problems.Add($"'{name}' has '{Shorten(value)}', which is not one of: {string.Join(", ", allowed.Keys)}");
            return null;
        }

        decimal Money(string name)
        {
            var value = Text(name);
            if (value is null)
            {
                return 0;
            }

            if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                return amount;
            }

            problems.Add($"'{name}' must be a number of at least 0 like 1234.56; got '{Shorten(value)}'");
            return 0;
        }

        long Count(string name)
        {
            var value = Text(name);
            if (value is null)
            {
                return 0;
            }

            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return count;
            }

            problems.Add($"'{name}' must be a whole number of at least 0; got '{Shorten(value)}'");
            return 0;
        }

        DateOnly? Date(string name)
        {
            var value = Text(name);
            if (value is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problems.Add($"'{name}' must be a date like 2026-03-31 (YYYY-MM-DD); got '{Shorten(value)}'");
            return null;
        }

        var id = Text("id", maxLength: 64);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            problems.Add($"'id' must be letters, digits, '.', '_', ':' or '-', starting with a letter or digit; got '{Shorten(id)}'");
        }

        var name = Text("name", maxLength: MaximumNameLength);
        var status = Choice("status", CampaignVocabulary.Statuses);
        var channel = Choice("channel", CampaignVocabulary.Channels);
        var objective = Text("objective", maxLength: 100);
        var budget = Money("budget");
        var spend = Money("spend");
        var currency = Text("currency", maxLength: 3);
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            problems.Add($"'currency' must be a three-letter ISO 4217 code like USD; got '{Shorten(currency)}'");
        }

        var start = Date("start_date");
        var end = Date("end_date");
        if (start is not null && end is not null && end < start)
        {
            problems.Add($"'end_date' ({end:yyyy-MM-dd}) is before 'start_date' ({start:yyyy-MM-dd})");
        }

        var impressions = Count("impressions");
        var clicks = Count("clicks");
        var conversions = Count("conversions");
        var revenue = Money("revenue");
        var updatedText = Text("updated_at", maxLength: 40);
        DateTimeOffset updatedAt = default;
        if (updatedText is not null && !DateTimeOffset.TryParseExact(updatedText, ["O", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out updatedAt))
        {
            problems.Add($"'updated_at' must be an ISO 8601 time with an offset like 2026-11-26T10:00:00Z; got '{Shorten(updatedText)}'");
        }

        var tags = (record.Tags ?? (record.Fields.GetValueOrDefault("tags") ?? string.Empty).Split(';'))
            .Select(tag => tag.Trim()).Where(tag => tag.Length > 0).ToArray();
        if (tags.Any(tag => tag.Length > 50 || tag.Contains(';', StringComparison.Ordinal)))
        {
            problems.Add("'tags' must each be at most 50 characters without ';'");
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new Campaign
        {
            Id = id!,
            Name = name!,
            Status = status!.Value,
            Channel = channel!.Value,
            Objective = objective!,
            Budget = budget,
            Spend = spend,
            Currency = currency!,
            StartDate = start!.Value,
            EndDate = end!.Value,
            Impressions = impressions,
            Clicks = clicks,
            Conversions = conversions,
            Revenue = revenue,
            Tags = tags,
            UpdatedAt = updatedAt,
        };
    }

    // Values are echoed to the terminal: control and bidi characters go out as \uXXXX, never raw.
    private static string Shorten(string value)
    {
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return UnsafeCharacters.Describe(shown) is null
            ? shown
            : string.Concat(shown.Select(c => UnsafeCharacters.IsUnsafe(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
