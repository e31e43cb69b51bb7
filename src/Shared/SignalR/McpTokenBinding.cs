using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.SignalR;

/// <summary>
/// Seals the MCP token that negotiate binds into the service's client token. Browsers send that service
/// token in the WebSocket URL's query, where proxies and logs may see it; sealed with AES-GCM under a
/// key derived from <c>MCP_JWT_SECRET</c>, the claim reveals nothing usable on the HTTP endpoint, while
/// the message handler can still open it and validate the real token on every invocation.
/// </summary>
public sealed class McpTokenBinding
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[]? key;

    // Connections negotiated before a secret rotation keep working while the old secret is still listed.
    private readonly byte[][] previousKeys;

    public McpTokenBinding(TokenSettings settings)
    {
        if (settings.JwtSecret is { } secret)
        {
            key = DeriveKey(secret);
        }

        previousKeys = [.. settings.PreviousJwtSecrets.Select(DeriveKey)];
    }

    public string Seal(string token)
    {
        using var aes = new AesGcm(key ?? throw new InvalidOperationException("No signing secret to derive the binding key from."), TagBytes);
        var plain = Encoding.UTF8.GetBytes(token);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length));
        return Base64UrlEncoder.Encode(sealedBytes);
    }

    /// <summary>The token, or null when the value was not sealed by this secret or was altered.</summary>
    public string? Open(string sealedToken)
    {
        if (key is null || sealedToken.Length > 16 * 1024)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(sealedToken);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        foreach (var candidate in previousKeys.Prepend(key))
        {
            try
            {
                using var aes = new AesGcm(candidate, TagBytes);
                aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, plain.Length), bytes.AsSpan(NonceBytes + plain.Length), plain);
                return Encoding.UTF8.GetString(plain);
            }
            catch (AuthenticationTagMismatchException)
            {
                // Not sealed under this key: try the next one.
            }
        }

        return null;
    }

    private static byte[] DeriveKey(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: "campaign-mcp signalr token binding v1"u8.ToArray());
}
