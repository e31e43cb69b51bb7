using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Campaigns;

/// <summary>
/// The stores' page cursor: an offset into the query's order, bound to a fingerprint of the filter and sort
/// (a cursor reused with another query is refused rather than silently paging through something else), to
/// the snapshot of the data it was cut from (after an import the offset would point elsewhere, so the cursor
/// says it expired instead of skipping or repeating rows) and checksummed (an edited offset is refused). The
/// checksum is an integrity check, not a secret: the cursor reveals nothing but a position.
/// </summary>
public static class CampaignCursor
{
    private const string Version = "c2";

    public static string Fingerprint(CampaignFilter filter, CampaignSort sort) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{filter.Fingerprint()}#{sort}"))[..9]);

    /// <param name="snapshot">The data version the offset counts in: letters and digits only.</param>
    public static string Make(int offset, string fingerprint, string snapshot)
    {
        var text = offset.ToString(CultureInfo.InvariantCulture);
        return Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($"{Version}.{text}.{fingerprint}.{snapshot}.{Check(text, fingerprint, snapshot)}"));
    }

    /// <exception cref="InvalidCursorException">Not a cursor made by <see cref="Make"/> for this fingerprint and snapshot.</exception>
    public static int Read(string cursor, string fingerprint, string snapshot)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(cursor));
        }
        catch (FormatException)
        {
            throw new InvalidCursorException("The cursor is not one this server issued");
        }

        var parts = decoded.Split('.');
        if (parts.Length != 5 || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(parts[4]), Encoding.UTF8.GetBytes(Check(parts[1], parts[2], parts[3]))))
        {
            throw new InvalidCursorException("The cursor is not one this server issued");
        }

        if (parts[2] != fingerprint)
        {
            throw new InvalidCursorException("The cursor belongs to a different filter or sort; repeat the query without a cursor");
        }

        if (parts[3] != snapshot)
        {
            throw new InvalidCursorException("The cursor has expired: campaigns were imported since it was issued; repeat the query without a cursor");
        }

        return offset;
    }

    private static string Check(string offset, string fingerprint, string snapshot) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{Version}|{offset}|{fingerprint}|{snapshot}"))[..6]);
}
