using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tokens;

/// <summary>
/// The HMAC keys made once from <c>MCP_JWT_SECRET</c> (signs and validates) and
/// <c>MCP_JWT_PREVIOUS_SECRETS</c> (validate only, during a rotation). Each <c>kid</c> is derived from
/// its secret (a truncated SHA-256, which reveals nothing usable about a 256-bit secret) so that every
/// instance agrees on it and rotation needs no key-id settings.
/// </summary>
public sealed class SigningKey
{
    public SigningKey(TokenSettings settings)
    {
        if (settings.JwtSecret is null || settings.Issues.Count > 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(settings.JwtSecret);
        Key = new SymmetricSecurityKey(bytes) { KeyId = KeyIdFor(bytes) };
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
        var previous = settings.PreviousJwtSecrets
            .Select(secret => Encoding.UTF8.GetBytes(secret))
            .Select(secretBytes => new SymmetricSecurityKey(secretBytes) { KeyId = KeyIdFor(secretBytes) });
        ValidationKeys = [Key, .. previous];
    }

    /// <summary>Null while the settings have issues; callers answer 503 then.</summary>
    public SymmetricSecurityKey? Key { get; }

    public SigningCredentials? Credentials { get; }

    /// <summary>The current key first, then the previous ones; empty while the settings have issues.</summary>
    public IReadOnlyList<SymmetricSecurityKey> ValidationKeys { get; } = [];

    public static string KeyIdFor(ReadOnlySpan<byte> secret)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var prefix = "campaign-mcp-kid:"u8;
        var input = new byte[prefix.Length + secret.Length];
        prefix.CopyTo(input);
        secret.CopyTo(input.AsSpan(prefix.Length));
        SHA256.HashData(input, hash);
        return Base64UrlEncoder.Encode(hash[..12].ToArray());
    }
}
