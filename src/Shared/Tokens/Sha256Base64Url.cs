using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tokens;

/// <summary>
/// BASE64URL(SHA256(ASCII(text))): PKCE's S256 transform (RFC 7636 §4.2), and the form in which a refresh token's
/// secret is stored, so that the store never holds a usable token.
/// </summary>
public static class Sha256Base64Url
{
    public static string Of(string text) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(text)));
}
