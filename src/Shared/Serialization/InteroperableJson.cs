using System.Text.Json;

namespace CampaignMcp.Serialization;

/// <summary>
/// Reads JSON from the network strictly, and finds escaped unpaired surrogates (<c>"\ud800"</c>) in it. They are valid JSON
/// syntax but not interoperable JSON (RFC 7493 §2.1), and System.Text.Json reads them with
/// <see cref="InvalidOperationException"/> rather than <see cref="JsonException"/>, from <c>GetString()</c>,
/// from the duplicate-name check and from deserializers: a parser that checks for this first can refuse
/// such a body as malformed instead of failing later. (Raw invalid UTF-8 is the caller's
/// <see cref="System.Text.Unicode.Utf8.IsValid(ReadOnlySpan{byte})"/> check.)
/// </summary>
public static class InteroperableJson
{
    /// <summary>
    /// Parses JSON from the network as I-JSON (RFC 7493): valid UTF-8, no escaped unpaired surrogate (§2.1) and no
    /// member name twice in one object (§2.3), so that every string in the result reads without throwing and no
    /// member has two values that two readers could choose between. Null when it is not, with <paramref name="problem"/>
    /// saying why, to follow "The body" or "The document" (e.g. "escapes an unpaired surrogate"). Dispose the result.
    /// </summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8Json, int maxDepth, out string? problem)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            problem = "is not valid UTF-8";
            return null;
        }

        if (HasUnpairedSurrogateEscape(utf8Json.Span))
        {
            problem = "escapes an unpaired surrogate such as \\ud800 (RFC 7493 §2.1)";
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
            problem = null;
            return document;
        }
        catch (JsonException)
        {
            problem = $"is not valid JSON (or nests deeper than {maxDepth}, or repeats a member name: RFC 7493 §2.3)";
            return null;
        }
    }

    /// <summary>True when a string or property name escapes an unpaired surrogate. Malformed JSON is left to the caller's parser.</summary>
    public static bool HasUnpairedSurrogateEscape(ReadOnlySpan<byte> utf8Json)
    {
        if (!MayEscapeSurrogate(utf8Json))
        {
            // The common case: one scan for "\u", no second pass.
            return false;
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 4096 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    try
                    {
                        _ = reader.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        return true;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Malformed or too deep: the caller's parser refuses it and says so.
        }

        return false;
    }

    /// <summary>Whether the text holds <c>\uD800</c> to <c>\uDFFF</c> (either case) anywhere.</summary>
    private static bool MayEscapeSurrogate(ReadOnlySpan<byte> utf8Json)
    {
        var rest = utf8Json;
        int at;
        while ((at = rest.IndexOf("\\u"u8)) >= 0)
        {
            rest = rest[(at + 2)..];
            if (rest.Length >= 2 && (rest[0] | 0x20) == 'd' && (rest[1] is >= (byte)'8' and <= (byte)'9' || (rest[1] | 0x20) is >= 'a' and <= 'f'))
            {
                return true;
            }
        }

        return false;
    }
}
