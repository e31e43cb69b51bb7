namespace CampaignMcp.Configuration;

/// <summary>
/// Judges whether a configured HMAC secret carries at least 256 bits. The signing key is always the
/// secret's UTF-8 bytes, exactly as the original Node server (jsonwebtoken) used it, so the same
/// MCP_JWT_SECRET value keeps working unchanged; the encoding only decides how many bits each character is worth:
/// hex needs 64 digits, base64 needs 44 characters (32 bytes decoded), any other text 32 bytes.
/// A secret made of fewer than 8 distinct characters is refused whatever its length (placeholders
/// such as <c>aaaa…</c> or <c>0000…</c>).
/// </summary>
public static class SecretStrength
{
    public const int MinimumBits = 256;
    private const int MinimumDistinctCharacters = 8;

    /// <summary>Returns null when strong enough, else why not (never the secret or its length).</summary>
    public static string? Weakness(string secret)
    {
        if (secret.Distinct().Count() < MinimumDistinctCharacters)
        {
            return "is a repeated or placeholder value";
        }

        var enough = IsHex(secret) ? secret.Length >= 64
            : IsBase64(secret, out var decodedBytes) ? decodedBytes >= MinimumBits / 8
            : System.Text.Encoding.UTF8.GetByteCount(secret) >= MinimumBits / 8;
        return enough ? null : "carries fewer than 256 bits (use 64 hex digits, or run the secrets generator)";
    }

    /// <summary>
    /// Returns null when an <c>API_KEY</c> is acceptable: at least 16 characters (the generator makes 32
    /// hex digits, 128 bits) and not a placeholder.
    /// </summary>
    public static string? ApiKeyWeakness(string apiKey) =>
        apiKey.Length < 16 ? "is shorter than 16 characters (run the secrets generator for a 128-bit key)"
        : apiKey.Distinct().Count() < MinimumDistinctCharacters ? "is a repeated or placeholder value"
        : null;

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);

    private static bool IsBase64(string value, out int decodedBytes)
    {
        decodedBytes = 0;
        if (value.Length % 4 != 0 || !value.TrimEnd('=').All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
        {
            return false;
        }

        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, buffer, out decodedBytes))
        {
            decodedBytes = 0;
            return false;
        }

        return true;
    }
}
