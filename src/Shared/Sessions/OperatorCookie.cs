using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Sessions;

/// <summary>
/// The operator page's sign-in, so the API key is typed once and never written into a page: <c>nonce.expiry.mac</c>
/// in an HttpOnly, <c>SameSite=Strict</c> cookie, the MAC (HMAC-SHA256 under a key derived from <c>MCP_JWT_SECRET</c>,
/// so any instance can check it) over nonce and expiry. Each form also carries a MAC of the nonce (double submit,
/// OWASP CSRF cheat sheet).
/// </summary>
public sealed class OperatorCookie
{
    public const string Name = "mcp_operator";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly byte[]? key;

    public OperatorCookie(TokenSettings settings)
    {
        if (settings.JwtSecret is { Length: > 0 } secret)
        {
            key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "campaign-mcp operator page v1"u8);
        }
    }

    public (string Value, DateTimeOffset ExpiresAt) Create(DateTimeOffset now)
    {
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var expiresAt = now + Lifetime;
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return ($"{nonce}.{expiry}.{Mac("cookie\n" + nonce + "\n" + expiry)}", expiresAt);
    }

    /// <summary>The nonce of a genuine, unexpired cookie; else null.</summary>
    public string? Check(string? value, DateTimeOffset now)
    {
        var parts = value?.Split('.');
        if (key is null || parts is not { Length: 3 } || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !Same(parts[2], Mac("cookie\n" + parts[0] + "\n" + parts[1])))
        {
            return null;
        }

        return seconds > now.ToUnixTimeSeconds() ? parts[0] : null;
    }

    public string Csrf(string nonce) => Mac("csrf\n" + nonce);

    public bool CsrfMatches(string? presented, string nonce) => presented is not null && Same(presented, Csrf(nonce));

    private string Mac(string text) => Base64UrlEncoder.Encode(HMACSHA256.HashData(key!, Encoding.UTF8.GetBytes(text)));

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
