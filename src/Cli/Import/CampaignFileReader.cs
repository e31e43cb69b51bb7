using System.Globalization;
using System.Text;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CsvHelper;
using CsvHelper.Configuration;

namespace CampaignMcp.Cli.Import;

/// <summary>
/// Reads the files export_campaigns writes: CSV (the <see cref="CampaignCsv"/> columns, header first) or a
/// JSON array of campaigns (snake_case), one record at a time from the file so that memory does not grow
/// with its size. Each record keeps where it started: the physical line for CSV (a quoted field may span
/// lines), the array index and line for JSON. Files must be UTF-8 (what the export writes): call
/// <see cref="CheckEncoding"/> first, since a decoder that replaced bad bytes would import mojibake.
/// </summary>
public static class CampaignFileReader
{
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".json"];

    private const int ChunkSize = 1 << 16;

    // throwOnInvalidBytes: a Latin-1 'é' must be an error, not U+FFFD in a campaign name.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsJson(string path) => string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="InvalidDataException">The file is not UTF-8; the message names the line and byte.</exception>
    public static void CheckEncoding(string path)
    {
        using var stream = File.OpenRead(path);
        var decoder = StrictUtf8.GetDecoder();
        var buffer = new byte[ChunkSize];
        var chars = new char[StrictUtf8.GetMaxCharCount(ChunkSize)];
        long offset = 0;
        var newlines = 0;
        int read;
        do
        {
            read = stream.Read(buffer);
            try
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: read == 0);
            }
            catch (DecoderFallbackException exception)
            {
                var at = Math.Clamp(exception.Index, 0, read);
                var line = newlines + buffer.AsSpan(0, at).Count((byte)'\n') + 1;
                var bad = exception.BytesUnknown is { Length: > 0 } unknown ? string.Join(" ", unknown.Select(b => $"0x{b:X2}")) : "?";
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"line {line}: not valid UTF-8 (byte {bad} at offset {offset + exception.Index}); save the file as UTF-8, the encoding export_campaigns writes"), exception);
            }

            newlines += buffer.AsSpan(0, read).Count((byte)'\n');
            offset += read;
        }
        while (read > 0);
    }

    /// <exception cref="InvalidDataException">The file as a whole cannot be read as that format.</exception>
    public static IEnumerable<CampaignRecord> Read(string path) => IsJson(path) ? ReadJson(path) : ReadCsv(path);

    private static IEnumerable<CampaignRecord> ReadCsv(string path)
    {
        // BOM detection only ever finds UTF-8 here: CheckEncoding refused anything else.
        using var reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true);
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
        var index = 0;
        while (csv.Read())
        {
            var line = lastLine + 1;
            lastLine = csv.Parser.RawRow;
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                // The export put a quote in front of cells that would run as formulas; take it off again.
                fields[header[i]] = i < csv.Parser.Count ? CampaignCsv.Restore(csv.Parser[i]) : null;
            }

            var problem = csv.Parser.Count != header.Length ? $"has {csv.Parser.Count} fields; the header has {header.Length}" : null;
            yield return new CampaignRecord(index++, $"line {line}", line, fields, null, problem);
        }
    }

    private static IEnumerable<CampaignRecord> ReadJson(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[ChunkSize];
        var length = 0;
        var lineAtBufferStart = 1;
        var parse = new JsonArrayParse();
        var records = new List<CampaignRecord>();
        var final = false;
        while (!parse.Ended)
        {
            if (length == buffer.Length)
            {
                // One record larger than the buffer: make room for all of it.
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            length += read;
            final = read == 0;
            int consumed;
            try
            {
                consumed = parse.Next(buffer.AsSpan(0, length), final, lineAtBufferStart, records);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"line {lineAtBufferStart + (exception.LineNumber ?? 0)}: not valid JSON ({exception.Message.Split(" Path:")[0].Split(" LineNumber:")[0]})", exception);
            }

            foreach (var record in records)
            {
                yield return record;
            }

            records.Clear();
            lineAtBufferStart += buffer.AsSpan(0, consumed).Count((byte)'\n');
            buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
            length -= consumed;
            if (final && !parse.Ended)
            {
                throw new InvalidDataException($"line {lineAtBufferStart}: not valid JSON (the file ends before the array is closed)");
            }
        }
    }

    /// <summary>Where a chunked read of the top-level array stands between chunks.</summary>
    private sealed class JsonArrayParse
    {
        private JsonReaderState state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        private bool started;
        private int index;

        public bool Ended { get; private set; }

        /// <summary>Reads the whole records in <paramref name="data"/>; returns the bytes they used.</summary>
        public int Next(ReadOnlySpan<byte> data, bool final, int firstLine, List<CampaignRecord> records)
        {
            var reader = new Utf8JsonReader(data, final, state);
            var consumed = 0;
            if (!started)
            {
                if (!reader.Read())
                {
                    if (final)
                    {
                        throw new InvalidDataException("expected a JSON array of campaigns (as export_campaigns writes with format json)");
                    }

                    return 0;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new InvalidDataException("expected a JSON array of campaigns (as export_campaigns writes with format json)");
                }

                started = true;
                (consumed, state) = ((int)reader.BytesConsumed, reader.CurrentState);
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    Ended = true;
                    return (int)reader.BytesConsumed;
                }

                var start = (int)reader.TokenStartIndex;
                if (!JsonDocument.TryParseValue(ref reader, out var element))
                {
                    break;
                }

                using (element)
                {
                    var line = firstLine + data[..start].Count((byte)'\n');
                    records.Add(ToRecord(element.RootElement, index++, line));
                }

                (consumed, state) = ((int)reader.BytesConsumed, reader.CurrentState);
            }

            return consumed;
        }
    }

    private static CampaignRecord ToRecord(JsonElement element, int index, int line)
    {
        var where = $"[{index}] (line {line})";
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        List<string>? tags = null;
        var sawTags = false;
        var problems = new List<string>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new CampaignRecord(index, where, line, fields, null, "is not a JSON object");
        }

        foreach (var property in element.EnumerateObject())
        {
            // RFC 8259 §4 leaves duplicate names to the reader; keeping the last would import a value the
            // author may never have seen, so refuse the record.
            if (property.Name == "tags" ? sawTags : fields.ContainsKey(property.Name))
            {
                problems.Add($"has property '{property.Name}' more than once");
                continue;
            }

            if (property.Name == "tags")
            {
                sawTags = true;
                tags = property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String)
                    ? property.Value.EnumerateArray().Select(t => t.GetString()!).ToList()
                    : null;
                if (tags is null && property.Value.ValueKind != JsonValueKind.Null)
                {
                    problems.Add("'tags' must be an array of strings");
                }

                continue;
            }

            if (!CampaignCsv.Columns.Contains(property.Name))
            {
                problems.Add($"has unknown property '{property.Name}'");
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

        return new CampaignRecord(index, where, line, fields, tags ?? [], problems.Count > 0 ? string.Join("; ", problems) : null);
    }
}
