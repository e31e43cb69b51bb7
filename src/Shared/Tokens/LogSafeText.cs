using System.Globalization;
using System.Text;

namespace CampaignMcp.Tokens;

/// <summary>Text from outside (client ids, display names) as a log line may hold it.</summary>
public static class LogSafeText
{
    /// <summary>Control, format and line-separator characters as <c>\uXXXX</c> escapes: text that cannot forge or reorder a line.</summary>
    public static string Escape(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            builder.Append(NeedsEscape(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c);
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
