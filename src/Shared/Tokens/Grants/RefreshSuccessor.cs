using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Tokens.Refresh;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tokens.Grants;

/// <summary>
/// The secret of the refresh token a rotation hands out, derived instead of drawn: HMAC-SHA256 under a key
/// derived from the signing secret, over (family, new generation, hash of the token it replaces). Any
/// instance can therefore hand a retried or duplicated exchange the very same successor (RFC 9700 §4.14.2
/// allows the server to tolerate such retries), while the store still holds only hashes: without the
/// signing secret the stored hash of the predecessor says nothing about the successor.
/// </summary>
public sealed class RefreshSuccessor(SigningKey signingKey)
{
    private static readonly byte[] Label = "campaign-mcp refresh-token successor v1"u8.ToArray();

    /// <summary>The successor of the family's current token, under the current signing secret.</summary>
    public string Next(RefreshFamily family)
    {
        var key = signingKey.Key ?? throw new InvalidOperationException("Refresh is unavailable while the signing secret is misconfigured.");
        return Derive(key.Key, family.FamilyId, family.Generation + 1, family.CurrentTokenHash);
    }

    /// <summary>
    /// The family's current token again, when it is the successor of <see cref="RefreshFamily.PreviousTokenHash"/>
    /// under the current or a previous signing secret; null otherwise (e.g. the secret that made it is retired).
    /// </summary>
    public string? Current(RefreshFamily family)
    {
        if (family.PreviousTokenHash is not { } previous)
        {
            return null;
        }

        foreach (var key in signingKey.ValidationKeys)
        {
            var candidate = Derive(key.Key, family.FamilyId, family.Generation, previous);
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(RefreshTokenFormat.Hash(candidate)), Encoding.ASCII.GetBytes(family.CurrentTokenHash)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Derive(byte[] secret, string familyId, int generation, string predecessorHash)
    {
        // A key of its own, so that no MAC made here can ever be a JWT signature (or the reverse).
        var key = HMACSHA256.HashData(secret, Label);
        var message = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{familyId}\n{generation}\n{predecessorHash}"));
        return Base64UrlEncoder.Encode(HMACSHA256.HashData(key, message));
    }
}
