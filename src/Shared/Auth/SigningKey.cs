using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Auth;

/// <summary>
/// The HMAC key made once from <c>MCP_JWT_SECRET</c>. Its <c>kid</c> is derived from the secret
/// (a truncated SHA-256, which reveals nothing usable about a 256-bit secret) so that every
/// instance agrees on it and a later rotation can tell keys apart without new settings.
/// </summary>
public sealed class SigningKey
{
    public SigningKey(AuthSettings settings)
    {
        if (settings.JwtSecret is null || !settings.IsServiceable)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(settings.JwtSecret);
        Key = new SymmetricSecurityKey(bytes) { KeyId = KeyIdFor(bytes) };
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    /// <summary>Null while the settings have issues; callers answer 503 then.</summary>
    public SymmetricSecurityKey? Key { get; }

    public SigningCredentials? Credentials { get; }

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
