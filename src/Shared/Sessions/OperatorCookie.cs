using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Sessions;

/// <summary>
/// The sessions page's sign-in, so the API key is typed once and never written into a page, and a provider sign-in
/// holds for the page's use: <c>nonce.expiry.who.mac</c> in an HttpOnly, <c>SameSite=Strict</c> cookie, <c>who</c> being
/// <c>-</c> for the operator or the signed-in user (administrator or not), the MAC (HMAC-SHA256 under a key derived
/// from <c>MCP_JWT_SECRET</c>, so any instance can check it) over all three. Each form also carries a MAC of the nonce (double submit,
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
            key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "campaign-mcp operator page v2"u8);
        }
    }

    /// <summary>A cookie for <paramref name="caller"/>: the operator, an administrator, or a user (their own sessions).</summary>
    public (string Value, string Nonce, DateTimeOffset ExpiresAt) Create(DateTimeOffset now, SessionCaller caller)
    {
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var expiresAt = now + Lifetime;
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var who = caller.User is null ? "-" : Base64UrlEncoder.Encode(string.Join('\n', caller.IsOperator ? "admin" : "user", caller.User, caller.UserName ?? caller.User));
        return ($"{nonce}.{expiry}.{who}.{Mac("cookie\n" + nonce + "\n" + expiry + "\n" + who)}", nonce, expiresAt);
    }

    /// <summary>The nonce and caller of a genuine, unexpired cookie; else null.</summary>
    public (string Nonce, SessionCaller Caller)? Check(string? value, DateTimeOffset now)
    {
        var parts = value?.Split('.');
        if (key is null || parts is not { Length: 4 } || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !Same(parts[3], Mac("cookie\n" + parts[0] + "\n" + parts[1] + "\n" + parts[2])) || seconds <= now.ToUnixTimeSeconds())
        {
            return null;
        }

        if (parts[2] == "-")
        {
            return (parts[0], SessionCaller.Operator);
        }

        // Genuine (the MAC covers it), so well formed: written by Create above.
        var who = Base64UrlEncoder.Decode(parts[2]).Split('\n', 3);
        return (parts[0], new SessionCaller(who[0] == "admin", who[1], who[2]));
    }

    public string Csrf(string nonce) => Mac("csrf\n" + nonce);

    public bool CsrfMatches(string? presented, string nonce) => presented is not null && Same(presented, Csrf(nonce));

    private string Mac(string text) => Base64UrlEncoder.Encode(HMACSHA256.HashData(key!, Encoding.UTF8.GetBytes(text)));

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
