using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Cli.Import;

/// <summary>
/// The first of an import's two passes over a file: validates every record and finds repeated ids without
/// keeping the campaigns, so that nothing is written when a row is invalid and memory stays flat however
/// large the file. The second pass reads the file again and loads what <see cref="ShouldLoad"/> admits.
/// </summary>
public sealed class CampaignFileCheck
{
    public const int MaximumReportedErrors = 50;

    // Ids are kept as 128 bits of their SHA-256 with the position of their first record (CSV: its line,
    // JSON: its index), 32 bytes a row instead of a string: a collision, which would only report a false
    // repeat, takes about 2^64 ids. (Two ulongs, not UInt128, whose 16-byte alignment pads every entry.)
    private readonly Dictionary<(ulong, ulong), int> firstById;
    private readonly List<string> reported = [];
    private readonly bool json;

    // Sized for the rows the file can hold at about 128 bytes a row (the export's rows are 150-200), so
    // that a large file does not grow the table by doubling, which holds the old and the new array at once.
    private CampaignFileCheck(bool json, long fileLength)
    {
        this.json = json;
        firstById = new((int)Math.Min(fileLength / 128, 1 << 24));
    }

    public int Rows { get; private set; }

    public int Invalid { get; private set; }

    public int Valid => Rows - Invalid;

    /// <summary>The first <see cref="MaximumReportedErrors"/> invalid rows, one message each.</summary>
    public IReadOnlyList<string> Reported => reported;

    /// <exception cref="InvalidDataException">The file is not UTF-8, or not CSV/JSON of the export's shape.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CampaignFileCheck Run(string path)
    {
        CampaignFileReader.CheckEncoding(path);
        var check = new CampaignFileCheck(CampaignFileReader.IsJson(path), new FileInfo(path).Length);
        var name = Path.GetFileName(path);
        foreach (var record in CampaignFileReader.Read(path))
        {
            check.Rows++;
            var campaign = CampaignRecordValidator.Validate(record, out var problems);
            if (campaign is not null)
            {
                var key = Key(campaign.Id);
                if (check.firstById.TryGetValue(key, out var first))
                {
                    problems.Add($"'id' {campaign.Id} repeats the id of {(check.json ? $"[{first}]" : $"line {first}")}");
                    campaign = null;
                }
                else
                {
                    check.firstById[key] = check.Position(record);
                }
            }

            if (campaign is null)
            {
                check.Invalid++;
                if (check.reported.Count < MaximumReportedErrors)
                {
                    check.reported.Add($"{name}: {record.Where}: {string.Join("; ", problems)}");
                }
            }
        }

        return check;
    }

    /// <summary>The campaign of a valid record, unless an earlier record has its id.</summary>
    public Campaign? ShouldLoad(CampaignRecord record)
    {
        var campaign = CampaignRecordValidator.Validate(record, out _);
        return campaign is not null && firstById.TryGetValue(Key(campaign.Id), out var first) && first == Position(record) ? campaign : null;
    }

    private int Position(CampaignRecord record) => json ? record.Index : record.Line;

    // Case-insensitive like the table's row keys (CampaignEntities.RowKey).
    private static (ulong, ulong) Key(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(id.ToLowerInvariant()), hash);
        return (BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}
