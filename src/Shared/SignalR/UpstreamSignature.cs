using System.Security.Cryptography;
using System.Text;

namespace CampaignMcp.SignalR;

/// <summary>
/// <c>X-ASRS-Signature</c>: <c>sha256=</c> + hex HMAC-SHA256 of the connection id keyed by the AccessKey,
/// one value per service key, comma-separated. Compared case-insensitively in constant time.
/// https://learn.microsoft.com/azure/azure-signalr/concept-upstream#signature
/// </summary>
public static class UpstreamSignature
{
    private const string Prefix = "sha256=";

    public static string Sign(string connectionId, string accessKey) =>
        Prefix + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKey), Encoding.UTF8.GetBytes(connectionId)));

    public static bool IsValid(string connectionId, string? header, string accessKey)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(connectionId))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(connectionId, accessKey).ToLowerInvariant());
        var matched = false;
        foreach (var candidate in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Evaluate every candidate, so that timing does not reveal which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate.ToLowerInvariant()), expected);
        }

        return matched;
    }
}
