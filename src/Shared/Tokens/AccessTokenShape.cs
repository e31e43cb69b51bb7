using System.Buffers;

namespace CampaignMcp.Tokens;

/// <summary>
/// The one check before any decoding or cryptography: three segments in the base64url alphabet, no padding, no
/// whitespace (RFC 7515 §2 and §7.1), so that one token has one spelling; one vectorised scan. The JSON rules
/// (no duplicate members, no <c>crit</c>, <c>scope</c> a string) are <see cref="AccessTokenReader"/>'s.
/// </summary>
internal static class AccessTokenShape
{
    private static readonly SearchValues<char> Base64UrlOrDot = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    public static bool HasTokenCharacters(string token)
    {
        var text = token.AsSpan();
        return text.IndexOfAnyExcept(Base64UrlOrDot) < 0 && text.Count('.') == 2;
    }
}
