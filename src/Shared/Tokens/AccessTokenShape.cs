using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;
using CampaignMcp.Serialization;

namespace CampaignMcp.Tokens;

/// <summary>
/// The structural rules IdentityModel leaves open, in two parts:
/// <list type="bullet">
/// <item>before any cryptography (<see cref="HasTokenCharacters"/>): three segments in the base64url alphabet, no
/// padding, no whitespace (RFC 7515 §2 and §7.1), so that one token has one spelling; one vectorised scan;</item>
/// <item>after the signature check, on tokens IdentityModel accepted or refused (<see cref="HasAcceptableMembers"/>):
/// a header and a claims set that are JSON objects without duplicate member names (RFC 7515 §5.2 step 4,
/// RFC 7519 §4): a parser that silently keeps one of two values invites parser-differential attacks. Names are
/// compared unescaped, at the top level, the only level this server reads; more than 32 members is refused;
/// no <c>crit</c> header: this server understands no JWS extension, so it must refuse any marked critical
/// (RFC 7515 §4.1.11); a <c>scope</c> claim, when present, that is a string (RFC 9068 §2.2.3); any other type
/// would otherwise read as "no scope" and pass.</item>
/// </list>
/// The JSON part used to run first and cost more than the HMAC (issue 16). It reads only what the signature
/// covers, so running it after the signature check changes no outcome: a token that fails it is refused as
/// malformed whatever IdentityModel said, and a forged token pays for the signature check it fails anyway.
/// </summary>
internal static class AccessTokenShape
{
    private const int MaximumMembers = 32;
    private const int NameBufferBytes = 1024;
    private const int StackDecodeBytes = 1024;
    private static readonly SearchValues<char> Base64UrlOrDot = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Three base64url segments: the only check before the signature, a scan with no decoding.</summary>
    public static bool HasTokenCharacters(string token)
    {
        var text = token.AsSpan();
        return text.IndexOfAnyExcept(Base64UrlOrDot) < 0 && text.Count('.') == 2;
    }

    /// <summary>
    /// The JSON rules, over stack buffers: no allocation for tokens this server issues. <paramref name="vettedHeaders"/>
    /// are header segments of tokens that passed every check: the header is signed, so the same text is the same
    /// header and needs no second look. Expects a token that passed <see cref="HasTokenCharacters"/>.
    /// </summary>
    public static bool HasAcceptableMembers(string token, string?[] vettedHeaders)
    {
        var text = token.AsSpan();
        var header = text[..text.IndexOf('.')];
        var rest = text[(header.Length + 1)..];
        return (IsVetted(header, vettedHeaders) || IsObject(header, isHeader: true)) && IsObject(rest[..rest.IndexOf('.')], isHeader: false);
    }

    /// <summary>Remembers the header of a token that passed every check (a few slots: one per signing key in use).</summary>
    public static void Vet(string token, string?[] vettedHeaders)
    {
        var header = token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal));
        if (IsVetted(header, vettedHeaders))
        {
            return;
        }

        var slot = Array.FindIndex(vettedHeaders, existing => existing is null);
        Volatile.Write(ref vettedHeaders[slot < 0 ? 0 : slot], header.ToString());
    }

    private static bool IsVetted(ReadOnlySpan<char> header, string?[] vettedHeaders)
    {
        foreach (var vetted in vettedHeaders)
        {
            if (vetted is not null && header.SequenceEqual(vetted))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsObject(ReadOnlySpan<char> segment, bool isHeader)
    {
        var maximum = Base64Url.GetMaxDecodedLength(segment.Length);
        byte[]? rented = null;
        var buffer = maximum <= StackDecodeBytes ? stackalloc byte[StackDecodeBytes] : (rented = ArrayPool<byte>.Shared.Rent(maximum));
        try
        {
            if (Base64Url.DecodeFromChars(segment, buffer, out _, out var written) != OperationStatus.Done)
            {
                return false;
            }

            var json = buffer[..written];
            // Found by fuzzing: a lone surrogate escape or invalid UTF-8 makes name comparison throw.
            return Utf8.IsValid(json) && !InteroperableJson.HasUnpairedSurrogateEscape(json) && HasUniqueTopLevelMembers(json, isHeader);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool HasUniqueTopLevelMembers(ReadOnlySpan<byte> json, bool isHeader)
    {
        Span<byte> names = stackalloc byte[NameBufferBytes];
        Span<Range> seen = stackalloc Range[MaximumMembers];
        var used = 0;
        var count = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Unescaped, so that "sc\u006fpe" and "scope" are one name.
                var free = names[used..];
                var length = reader.ValueIsEscaped ? reader.CopyString(free) : CopyRaw(reader.ValueSpan, free);
                if (length < 0 || count == MaximumMembers)
                {
                    return false;
                }

                var name = free[..length];
                for (var i = 0; i < count; i++)
                {
                    if (names[seen[i]].SequenceEqual(name))
                    {
                        return false;
                    }
                }

                seen[count++] = new Range(used, used + length);
                used += length;
                if (!reader.Read()
                    || (isHeader && name.SequenceEqual("crit"u8))
                    || (!isHeader && name.SequenceEqual("scope"u8) && reader.TokenType != JsonTokenType.String))
                {
                    return false;
                }

                reader.Skip();
            }

            // The object is closed and nothing follows it.
            return reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            // JsonException: not JSON; ArgumentException: a name longer than the space left.
            return false;
        }
    }

    private static int CopyRaw(ReadOnlySpan<byte> value, Span<byte> destination) =>
        value.TryCopyTo(destination) ? value.Length : -1;
}
