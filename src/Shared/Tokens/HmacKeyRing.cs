using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tokens;

/// <summary>
/// The HS256 validation keys by <c>kid</c>, each with an HMAC context per thread: a keyed context reset after each
/// use costs about half of a one-shot <c>HMACSHA256.HashData</c>, which sets the key up again on every call.
/// </summary>
internal sealed class HmacKeyRing : IDisposable
{
    public const int SignatureBytes = 32;

    private readonly byte[][] keyIds;
    private readonly ThreadLocal<IncrementalHash>[] contexts;

    public HmacKeyRing(IReadOnlyList<SymmetricSecurityKey> keys)
    {
        keyIds = [.. keys.Select(key => Encoding.UTF8.GetBytes(key.KeyId))];
        contexts = [.. keys.Select(key =>
        {
            var secret = key.Key;
            // Not tracked: a tracked value outlives its thread until Dispose, so every retired pool thread would keep its
            // context. Untracked, it goes with the thread, and the context's safe handle frees the native state.
            return new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret), trackAllValues: false);
        })];
    }

    /// <summary>The key named by <paramref name="keyId"/> (UTF-8, unescaped), or -1: the kid selects the key, no other is tried.</summary>
    public int Find(ReadOnlySpan<byte> keyId)
    {
        for (var index = 0; index < keyIds.Length; index++)
        {
            if (keyId.SequenceEqual(keyIds[index]))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>HMAC-SHA256 of <paramref name="signingInput"/> with key <paramref name="index"/>, compared in constant time.</summary>
    public bool Verify(int index, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[SignatureBytes];
        var context = contexts[index].Value!;
        context.AppendData(signingInput);
        context.GetHashAndReset(expected);
        return signature.Length == SignatureBytes && CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    public void Dispose()
    {
        foreach (var perThread in contexts)
        {
            perThread.Dispose();
        }
    }
}
