using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.TestSupport;

/// <summary>
/// JWTs put together by hand from JSON text, for the attacks IdentityModel's writer refuses to express
/// (alg none, duplicate members, a header that lies about its algorithm, non-canonical encodings).
/// </summary>
public static class RawJwt
{
    public static string Segment(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    public static string Decode(string segment) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(segment));

    /// <summary><c>header.payload.signature</c>, the signature an HMAC over the first two segments with <paramref name="key"/>.</summary>
    public static string Hmac(string headerJson, string payloadJson, byte[] key, HashAlgorithmName? hash = null)
    {
        var input = Segment(headerJson) + "." + Segment(payloadJson);
        return input + "." + Base64UrlEncoder.Encode(Mac(input, key, hash ?? HashAlgorithmName.SHA256));
    }

    public static string Hmac(string headerJson, string payloadJson, string secret, HashAlgorithmName? hash = null) =>
        Hmac(headerJson, payloadJson, Encoding.UTF8.GetBytes(secret), hash);

    public static byte[] Mac(string signingInput, byte[] key, HashAlgorithmName hash)
    {
        var data = Encoding.ASCII.GetBytes(signingInput);
        return hash.Name switch
        {
            "SHA384" => HMACSHA384.HashData(key, data),
            "SHA512" => HMACSHA512.HashData(key, data),
            _ => HMACSHA256.HashData(key, data),
        };
    }
}
