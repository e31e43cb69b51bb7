using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tokens.Refresh;

/// <summary>
/// A refresh token is <c>mcprt_{family}.{secret}</c>: the family id (128 random bits) locates the state, the secret
/// (256 bits) is stored only as its <see cref="Hash"/>. Both parts are base64url without padding.
/// </summary>
public static class RefreshTokenFormat
{
    public const string Prefix = "mcprt_";
    private const int FamilyIdBytes = 16;
    private const int SecretBytes = 32;
    private const int FamilyIdLength = 22;
    private const int SecretLength = 43;
    public const int Length = 6 + FamilyIdLength + 1 + SecretLength;

    public static string NewFamilyId() => RandomPart(FamilyIdBytes);

    public static string NewSecret() => RandomPart(SecretBytes);

    public static string Compose(string familyId, string secret) => $"{Prefix}{familyId}.{secret}";

    /// <summary>What the store keeps of a secret.</summary>
    public static string Hash(string secret) => Sha256Base64Url.Of(secret);

    /// <summary>True for anything that claims to be a refresh token, well formed or not.</summary>
    public static bool HasPrefix(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Splits <c>mcprt_{family}.{secret}</c>; false for anything else, without allocating on junk.</summary>
    public static bool TryParse(string token, out string familyId, out string secret)
    {
        familyId = secret = string.Empty;
        if (token.Length != Length || !HasPrefix(token) || token[Prefix.Length + FamilyIdLength] != '.')
        {
            return false;
        }

        var family = token.AsSpan(Prefix.Length, FamilyIdLength);
        var secretPart = token.AsSpan(Prefix.Length + FamilyIdLength + 1);
        if (!IsBase64Url(family) || !IsBase64Url(secretPart))
        {
            return false;
        }

        familyId = family.ToString();
        secret = secretPart.ToString();
        return true;
    }

    /// <summary>The family a refresh token belongs to, or null when it is not one.</summary>
    public static string? FamilyIdOf(string token) => TryParse(token, out var familyId, out _) ? familyId : null;

    private static bool IsBase64Url(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string RandomPart(int bytes) => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(bytes));
}
