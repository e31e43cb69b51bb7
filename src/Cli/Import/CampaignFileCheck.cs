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

    // Ids are kept as 128 bits of their SHA-256 (16 bytes a row instead of a string): a collision, which
    // would only report a false repeat, takes about 2^64 ids.
    private readonly Dictionary<UInt128, (int Index, int Line)> firstById = [];
    private readonly List<string> reported = [];
    private readonly bool json;

    private CampaignFileCheck(bool json) => this.json = json;

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
        var check = new CampaignFileCheck(CampaignFileReader.IsJson(path));
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
                    problems.Add($"'id' {campaign.Id} repeats the id of {(check.json ? $"[{first.Index}] (line {first.Line})" : $"line {first.Line}")}");
                    campaign = null;
                }
                else
                {
                    check.firstById[key] = (record.Index, record.Line);
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
        return campaign is not null && firstById.TryGetValue(Key(campaign.Id), out var first) && first.Index == record.Index ? campaign : null;
    }

    // Case-insensitive like the table's row keys (CampaignEntities.RowKey).
    private static UInt128 Key(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(id.ToLowerInvariant()), hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}
