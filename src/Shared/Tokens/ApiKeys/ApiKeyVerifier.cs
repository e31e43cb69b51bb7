using System.Security.Cryptography;
using System.Text;

namespace CampaignMcp.Tokens.ApiKeys;

/// <summary>
/// Compares a presented <c>X-API-Key</c> with <c>API_KEY</c> in constant time. Both sides are hashed
/// first so that neither the comparison time nor an early length check reveals the key's length.
/// </summary>
public sealed class ApiKeyVerifier
{
    private readonly byte[]? expectedHash;

    public ApiKeyVerifier(TokenSettings settings)
    {
        if (settings.ApiKey is { Length: > 0 } key)
        {
            expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        }
    }

    public bool IsConfigured => expectedHash is not null;

    public bool Matches(string presented)
    {
        if (expectedHash is null)
        {
            return false;
        }

        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), presentedHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, expectedHash);
    }
}
