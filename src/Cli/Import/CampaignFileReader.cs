using System.Globalization;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CsvHelper;
using CsvHelper.Configuration;

namespace CampaignMcp.Cli.Import;

/// <summary>
/// Reads the files export_campaigns writes: CSV (the <see cref="CampaignCsv"/> columns, header first) or a
/// JSON array of campaigns (snake_case). Each record keeps where it started: the physical line for CSV (a
/// quoted field may span lines), the array index and line for JSON.
/// </summary>
public static class CampaignFileReader
{
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".json"];

    /// <exception cref="InvalidDataException">The file as a whole cannot be read as that format.</exception>
    public static List<CampaignRecord> Read(string path, byte[] content) =>
        string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(content) : ReadCsv(content);

    private static List<CampaignRecord> ReadCsv(byte[] content)
    {
        var records = new List<CampaignRecord>();
        using var reader = new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false, BadDataFound = null, MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new InvalidDataException("the file is empty; expected a header line: " + string.Join(",", CampaignCsv.Columns));
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim()).ToArray();
        var missing = CampaignCsv.Columns.Except(header, StringComparer.Ordinal).ToArray();
        var unknown = header.Except(CampaignCsv.Columns, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0 || unknown.Length > 0)
        {
            throw new InvalidDataException($"line 1: the header {(missing.Length > 0 ? $"lacks {string.Join(", ", missing)}" : "")}{(missing.Length > 0 && unknown.Length > 0 ? " and " : "")}{(unknown.Length > 0 ? $"has unknown columns {string.Join(", ", unknown)}" : "")}; expected: {string.Join(",", CampaignCsv.Columns)}");
        }

        var lastLine = csv.Parser.RawRow;
        while (csv.Read())
        {
            var line = lastLine + 1;
            lastLine = csv.Parser.RawRow;
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                fields[header[i]] = i < csv.Parser.Count ? csv.Parser[i] : null;
            }

            var problem = csv.Parser.Count != header.Length ? $"has {csv.Parser.Count} fields; the header has {header.Length}" : null;
            records.Add(new CampaignRecord($"line {line}", line, fields, null, problem));
        }

        return records;
    }

    private static List<CampaignRecord> ReadJson(byte[] content)
    {
        var lineStarts = LineStarts(content);
        var records = new List<CampaignRecord>();
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException("expected a JSON array of campaigns (as export_campaigns writes with format json)");
            }

            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineOf(lineStarts, reader.TokenStartIndex);
                using var element = JsonDocument.ParseValue(ref reader);
                records.Add(ToRecord(element.RootElement, index, line));
                index++;
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"line {(exception.LineNumber ?? 0) + 1}: not valid JSON ({exception.Message.Split(" Path:")[0].Split(" LineNumber:")[0]})", exception);
        }

        return records;
    }

    private static CampaignRecord ToRecord(JsonElement element, int index, int line)
    {
        var where = $"[{index}] (line {line})";
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        List<string>? tags = null;
        string? problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new CampaignRecord(where, line, fields, null, "is not a JSON object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name == "tags")
            {
                tags = property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String)
                    ? property.Value.EnumerateArray().Select(t => t.GetString()!).ToList()
                    : null;
                if (tags is null && property.Value.ValueKind != JsonValueKind.Null)
                {
                    problem = "'tags' must be an array of strings";
                }

                continue;
            }

            if (!CampaignCsv.Columns.Contains(property.Name))
            {
                problem = $"has unknown property '{property.Name}'";
                continue;
            }

            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.Null => null,
                _ => "(" + property.Value.ValueKind.ToString().ToLowerInvariant() + ")",
            };
        }

        return new CampaignRecord(where, line, fields, tags ?? [], problem);
    }

    private static List<int> LineStarts(byte[] content)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
