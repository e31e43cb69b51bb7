using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// The sign-in form's anti-forgery token: <c>nonce.expiry.mac</c>, where the MAC (HMAC-SHA256 under a key derived
/// from <c>MCP_JWT_SECRET</c>, so every instance can check it) covers the nonce, the expiry and a digest of the
/// authorization request the page was shown for. The nonce is also set in a <c>SameSite=Strict</c> cookie
/// (double submit, OWASP CSRF cheat sheet) and is used once: the store records it on the first POST. Each page
/// has a cookie of its own, named after its nonce, so that two sign-ins open in one browser do not overwrite
/// each other's; each lives only as long as its form.
/// </summary>
public sealed class SignInFormToken
{
    public const string CookiePrefix = "mcp_signin_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly byte[]? key;

    public SignInFormToken(TokenSettings settings)
    {
        if (settings.JwtSecret is { Length: > 0 } secret)
        {
            key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "campaign-mcp sign-in form token v1"u8);
        }
    }

    /// <summary>The cookie that carries <paramref name="nonce"/> (base64url, so a valid cookie name: RFC 6265 §4.1.1).</summary>
    public static string CookieName(string nonce) => CookiePrefix + nonce;

    public (string Token, string Nonce, DateTimeOffset ExpiresAt) Create(AuthorizationRequest request, DateTimeOffset now)
    {
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var expiresAt = now + Lifetime;
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ($"{nonce}.{expiry}.{Mac(nonce, expiry, request)}", nonce, expiresAt);
    }

    /// <summary>The nonce and expiry of a token that is genuine, unexpired and for this very request; else null.</summary>
    public (string Nonce, DateTimeOffset ExpiresAt)? Check(string? token, AuthorizationRequest request, DateTimeOffset now)
    {
        var parts = token?.Split('.');
        if (key is null || parts is not { Length: 3 } || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(parts[0], parts[1], request));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        return expiresAt > now ? (parts[0], expiresAt) : null;
    }

    private string Mac(string nonce, string expiry, AuthorizationRequest request)
    {
        var text = string.Join('\n', nonce, expiry, request.ClientId, request.RedirectUri, request.State ?? "", request.CodeChallenge, string.Join(' ', request.Scopes), request.Resource);
        return Base64UrlEncoder.Encode(HMACSHA256.HashData(key!, Encoding.UTF8.GetBytes(text)));
    }
}
