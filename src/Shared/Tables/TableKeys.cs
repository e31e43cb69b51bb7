using System.Security.Cryptography;
using System.Text;

namespace CampaignMcp.Tables;

/// <summary>
/// What may be a PartitionKey or RowKey: no '/', '\', '#', '?' or control characters, at most 1 KiB
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#characters-disallowed-in-key-fields).
/// Values a caller supplies are checked before they reach a URL or a filter.
/// </summary>
public static class TableKeys
{
    private const int MaximumLength = 512;

    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaximumLength && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    /// <summary>Lowercase hex SHA-256 of <paramref name="value"/>: a key that never holds the value itself.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
