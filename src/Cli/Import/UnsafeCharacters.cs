using System.Globalization;

namespace CampaignMcp.Cli.Import;

/// <summary>
/// Characters an import refuses in any text: control characters (C0, DEL, C1: a tab or CR in front of a
/// formula survives trimming in some spreadsheets, NUL truncates in others, a newline forges log lines) and
/// the bidirectional embedding, override and isolate characters that make text display other than it reads
/// (Unicode TR9 §2; CVE-2021-42574 "Trojan Source").
/// </summary>
public static class UnsafeCharacters
{
    public static bool IsUnsafe(char c) => char.IsControl(c) || IsBidiControl(c);

    // LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>Null when the text is clean, else what is wrong, e.g. "contains U+0009 (a control character) at character 1".</summary>
    public static string? Describe(string? value)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var kind = char.IsControl(c) ? "a control character" : IsBidiControl(c) ? "a bidirectional override" : null;
            if (kind is not null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"contains U+{(int)c:X4} ({kind}) at character {i + 1}");
            }
        }

        return null;
    }
}
