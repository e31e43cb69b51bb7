using System.Text.Json;

namespace CampaignMcp.Serialization;

/// <summary>
/// Finds escaped unpaired surrogates (<c>"\ud800"</c>) in JSON from the network. They are valid JSON
/// syntax but not interoperable JSON (RFC 7493 §2.1), and System.Text.Json reads them with
/// <see cref="InvalidOperationException"/> rather than <see cref="JsonException"/>, from <c>GetString()</c>,
/// from the duplicate-name check and from deserializers: a parser that checks for this first can refuse
/// such a body as malformed instead of failing later. (Raw invalid UTF-8 is the caller's
/// <see cref="System.Text.Unicode.Utf8.IsValid(ReadOnlySpan{byte})"/> check.)
/// </summary>
public static class InteroperableJson
{
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
