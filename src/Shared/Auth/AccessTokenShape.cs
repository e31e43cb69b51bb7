using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CampaignMcp.Serialization;

namespace CampaignMcp.Auth;

/// <summary>
/// The structural rules IdentityModel leaves open, checked before any cryptography, on tokens not seen before:
/// <list type="bullet">
/// <item>three segments in the base64url alphabet, no padding, no whitespace (RFC 7515 §2 and §7.1), so that one
/// token has one spelling;</item>
/// <item>a header and a claims set that are JSON objects without duplicate member names (RFC 7515 §5.2 step 4,
/// RFC 7519 §4): a parser that silently keeps one of two values invites parser-differential attacks;</item>
/// <item>no <c>crit</c> header: this server understands no JWS extension, so it must refuse any marked critical
/// (RFC 7515 §4.1.11);</item>
/// <item>a <c>scope</c> claim, when present, that is a string (RFC 9068 §2.2.3); any other type would otherwise
/// read as "no scope" and pass.</item>
/// </list>
/// </summary>
internal static class AccessTokenShape
{
    private static readonly SearchValues<char> Base64UrlOrDot = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    public static bool IsAcceptable(string token)
    {
        var text = token.AsSpan();
        if (text.IndexOfAnyExcept(Base64UrlOrDot) >= 0 || text.Count('.') != 2)
        {
            return false;
        }

        var headerEnd = text.IndexOf('.');
        var payloadEnd = headerEnd + 1 + text[(headerEnd + 1)..].IndexOf('.');
        if (!TryParseObject(text[..headerEnd], out var header))
        {
            return false;
        }

        using (header)
        {
            if (header.RootElement.TryGetProperty("crit", out _) || !TryParseObject(text[(headerEnd + 1)..payloadEnd], out var payload))
            {
                return false;
            }

            using (payload)
            {
                return !payload.RootElement.TryGetProperty(TokenIssuer.ScopeClaim, out var scope) || scope.ValueKind == JsonValueKind.String;
            }
        }
    }

    private static bool TryParseObject(ReadOnlySpan<char> segment, [NotNullWhen(true)] out JsonDocument? document)
    {
        document = null;
        byte[] json;
        try
        {
            json = Base64Url.DecodeFromChars(segment);
        }
        catch (FormatException)
        {
            return false;
        }

        // Found by fuzzing: the repeated-member check reads names as strings, which throws on a lone surrogate escape.
        if (!System.Text.Unicode.Utf8.IsValid(json) || InteroperableJson.HasUnpairedSurrogateEscape(json))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException)
        {
            return false;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        document.Dispose();
        document = null;
        return false;
    }
}
