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
    public const int MinimumApiKeyBits = 128;
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
    /// Returns null when an <c>API_KEY</c> is acceptable anywhere: at least 16 characters and not a placeholder.
    /// Development holds explicitly set keys to this only; production also needs <see cref="ApiKeyEntropyWeakness"/> to pass.
    /// </summary>
    public static string? ApiKeyWeakness(string apiKey) =>
        apiKey.Length < 16 ? "is shorter than 16 characters (run the secrets generator for a 128-bit key)"
        : apiKey.Distinct().Count() < MinimumDistinctCharacters ? "is a repeated or placeholder value"
        : null;

    /// <summary>
    /// Returns null when an <c>API_KEY</c> is no repeated pattern and is estimated to carry at least 128 bits (<see cref="ApiKeyBits"/>), else why
    /// not (never the key or its length). The right key is never locked out, only the wrong one, so the key's size is
    /// the only guard against guessing it.
    /// </summary>
    public static string? ApiKeyEntropyWeakness(string apiKey) =>
        IsRepeatedPattern(apiKey) || ApiKeyBits(apiKey) < MinimumApiKeyBits
            ? $"is weaker than {MinimumApiKeyBits} bits (estimated from its length and characters); generate one with 'campaign-mcp secrets' (32 hex digits)"
            : null;

    /// <summary>
    /// An upper estimate of the bits in a key from its length and alphabet, as if each character were drawn at random:
    /// hex digits are worth 4 bits each (the generator's 32 make 128); otherwise each character is worth log2 of the
    /// classes it uses (digits 10, lowercase 26, uppercase 26, anything else 33, the printable ASCII symbols). A
    /// character that continues a run of four or more repeated or consecutive characters (<c>aaaa</c>, <c>0123</c>) is
    /// worth nothing. It cannot see words, so a long passphrase may pass: generate keys, don't choose them.
    /// </summary>
    public static double ApiKeyBits(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (IsHex(apiKey))
        {
            return 4.0 * apiKey.Length;
        }

        var pool = (apiKey.Any(char.IsAsciiDigit) ? 10 : 0)
            + (apiKey.Any(char.IsAsciiLetterLower) ? 26 : 0)
            + (apiKey.Any(char.IsAsciiLetterUpper) ? 26 : 0)
            + (apiKey.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 33 : 0);
        return Math.Log2(pool) * CountedCharacters(apiKey);
    }

    /// <summary>The length less every character past the third of a run whose steps are all 0, all +1 or all -1.</summary>
    private static int CountedCharacters(string value)
    {
        var counted = Math.Min(value.Length, 2);
        var run = 1;
        for (var index = 2; index < value.Length; index++)
        {
            var step = value[index] - value[index - 1];
            run = step is >= -1 and <= 1 && step == value[index - 1] - value[index - 2] ? run + 1 : 1;
            counted += run >= 3 ? 0 : 1;
        }

        return counted;
    }

    /// <summary>One shorter pattern written again and again (<c>Xy7#Qm2!Xy7#Qm2!…</c>): worth no more than the pattern.</summary>
    private static bool IsRepeatedPattern(string value) =>
        (value + value).IndexOf(value, 1, StringComparison.Ordinal) < value.Length;

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
