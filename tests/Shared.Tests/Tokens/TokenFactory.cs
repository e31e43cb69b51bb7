using System.Text;
using CampaignMcp.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tests.Tokens;

/// <summary>Builds tokens the server did not issue, for the validator's negative cases.</summary>
internal static class TokenFactory
{
    public static string Create(
        string secret,
        DateTimeOffset issuedAt,
        TimeSpan lifetime,
        string issuer = "https://issuer.test",
        string audience = "https://issuer.test/api/v1/mcp",
        string clientId = "claude",
        string scope = "campaigns:read tools:call",
        string algorithm = SecurityAlgorithms.HmacSha256,
        string tokenType = TokenIssuer.TokenType,
        DateTimeOffset? notBefore = null,
        bool includeClientId = true)
    {
        var claims = new Dictionary<string, object> { ["sub"] = clientId, ["scope"] = scope, ["jti"] = Guid.NewGuid().ToString("N") };
        if (includeClientId)
        {
            claims["client_id"] = clientId;
        }

        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = SigningKey.KeyIdFor(Encoding.UTF8.GetBytes(secret)) };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = (notBefore ?? issuedAt).UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            TokenType = tokenType,
            SigningCredentials = new SigningCredentials(key, algorithm),
            Claims = claims,
        });
    }

    public static string Segment(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>HS256 over JSON text as given, for what IdentityModel's writer cannot express (duplicate members, say).</summary>
    public static string Sign(string headerJson, string payloadJson, string secret)
    {
        var input = Segment(headerJson) + "." + Segment(payloadJson);
        return input + "." + Base64UrlEncoder.Encode(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input)));
    }
}
