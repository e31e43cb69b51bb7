using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Tokens;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>RFC 7636 with the S256 method only.</summary>
public static class Pkce
{
    /// <summary>§4.2: BASE64URL(SHA256(verifier)) is 43 characters.</summary>
    public static bool IsChallenge(string value) => value.Length == 43 && value.All(IsBase64Url);

    /// <summary>§4.1: 43 to 128 characters of [A-Z] [a-z] [0-9] - . _ ~.</summary>
    public static bool IsVerifier(string value) =>
        value.Length is >= 43 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>§4.6, compared in constant time.</summary>
    public static bool Verifies(string verifier, string challenge)
    {
        var computed = Sha256Base64Url.Of(verifier);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    private static bool IsBase64Url(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
