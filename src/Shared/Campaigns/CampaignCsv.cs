using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CampaignMcp.Campaigns;

/// <summary>
/// RFC 4180 CSV of campaigns through CsvHelper; tags are joined with ';' inside one field. Text cells that a
/// spreadsheet would run as a formula are neutralized (OWASP "CSV Injection"): a leading = + - @ tab or CR
/// gets a single quote in front and the cell is quoted; <see cref="Restore"/> undoes it on import.
/// </summary>
public static class CampaignCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "name", "status", "channel", "objective", "budget", "spend", "currency", "start_date", "end_date",
        "impressions", "clicks", "conversions", "revenue", "tags", "updated_at",
    ];

    // With NewLine set, CsvHelper's default quoting only looks for "\r\n": a bare "\n" in a name would
    // leave the field unquoted and break the row (RFC 4180 §2.6: line breaks are quoted).
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        ShouldQuote = args => args.Field is { } field && (field.AsSpan().IndexOfAny("\",\r\n") >= 0 || (field.Length > 0 && (field[0] is ' ' or '\'' || field[^1] == ' '))),
    };

    // https://owasp.org/www-community/attacks/CSV_Injection: cells starting with these run as formulas.
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>
    /// The cell as written: a single quote in front when it would start a formula, and also in front of
    /// quotes that precede such a cell, so that <see cref="Restore"/> gives back exactly the original text.
    /// </summary>
    public static string Neutralize(string value) => NeedsQuotePrefix(value) ? "'" + value : value;

    /// <summary>The inverse of <see cref="Neutralize"/>: drops the quote an export put in front.</summary>
    public static string Restore(string value) => value.Length > 1 && value[0] == '\'' && NeedsQuotePrefix(value.AsSpan(1)) ? value[1..] : value;

    private static bool NeedsQuotePrefix(ReadOnlySpan<char> value)
    {
        var start = value.TrimStart('\'');
        return start.Length > 0 && FormulaStarts.Contains(start[0]);
    }

    public static string Write(IEnumerable<Campaign> campaigns)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, Configuration);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var c in campaigns)
        {
            csv.WriteField(Neutralize(c.Id));
            csv.WriteField(Neutralize(c.Name));
            csv.WriteField(c.Status.ToString().ToLowerInvariant());
            csv.WriteField(c.Channel.ToString().ToLowerInvariant());
            csv.WriteField(Neutralize(c.Objective));
            csv.WriteField(c.Budget);
            csv.WriteField(c.Spend);
            csv.WriteField(Neutralize(c.Currency));
            csv.WriteField(c.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(c.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(c.Impressions);
            csv.WriteField(c.Clicks);
            csv.WriteField(c.Conversions);
            csv.WriteField(c.Revenue);
            csv.WriteField(Neutralize(string.Join(';', c.Tags)));
            // The JSON export's form (System.Text.Json: ISO 8601, fraction only when there is one), so both formats agree.
            csv.WriteField(c.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
            csv.NextRecord();
        }

        csv.Flush();
        return text.ToString();
    }
}
