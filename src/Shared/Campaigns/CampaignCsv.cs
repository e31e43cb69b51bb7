using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CampaignMcp.Campaigns;

/// <summary>RFC 4180 CSV of campaigns through CsvHelper; tags are joined with ';' inside one field.</summary>
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
        ShouldQuote = args => args.Field is { } field && (field.AsSpan().IndexOfAny("\",\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '))),
    };

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
            csv.WriteField(c.Id);
            csv.WriteField(c.Name);
            csv.WriteField(c.Status.ToString().ToLowerInvariant());
            csv.WriteField(c.Channel.ToString().ToLowerInvariant());
            csv.WriteField(c.Objective);
            csv.WriteField(c.Budget);
            csv.WriteField(c.Spend);
            csv.WriteField(c.Currency);
            csv.WriteField(c.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(c.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(c.Impressions);
            csv.WriteField(c.Clicks);
            csv.WriteField(c.Conversions);
            csv.WriteField(c.Revenue);
            csv.WriteField(string.Join(';', c.Tags));
            // The JSON export's form (System.Text.Json: ISO 8601, fraction only when there is one), so both formats agree.
            csv.WriteField(c.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
            csv.NextRecord();
        }

        csv.Flush();
        return text.ToString();
    }
}
