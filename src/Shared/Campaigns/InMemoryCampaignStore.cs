using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Campaigns;

/// <summary>
/// The embedded store: the sample data set in memory. Cursors carry an offset and a fingerprint of
/// the filter and sort they were made for, so a cursor reused with another query is refused rather
/// than silently paging through something else.
/// </summary>
public sealed class InMemoryCampaignStore(IReadOnlyList<Campaign> campaigns) : ICampaignStore
{
    private readonly Dictionary<string, Campaign> byId = campaigns.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);

    // Every order sorted once: a page is then a filtered walk, not a sort of the whole set per call.
    private readonly Dictionary<CampaignSort, Campaign[]> sorted = Enum.GetValues<CampaignSort>()
        .ToDictionary(sort => sort, sort => CampaignSortNames.Apply(campaigns, sort).ToArray());

    public InMemoryCampaignStore()
        : this(SampleCampaigns.Generate())
    {
    }

    public Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(byId.GetValueOrDefault(id));

    public Task<CampaignPage> QueryAsync(CampaignFilter filter, CampaignSort sort, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(filter, sort);
        var offset = cursor is null ? 0 : ReadCursor(cursor, fingerprint);
        var items = new List<Campaign>(Math.Min(pageSize, 128));
        var matched = 0;
        foreach (var campaign in sorted[sort])
        {
            if (filter.Matches(campaign))
            {
                if (matched >= offset && items.Count < pageSize)
                {
                    items.Add(campaign);
                }

                matched++;
            }
        }

        var next = offset + items.Count < matched ? MakeCursor(offset + items.Count, fingerprint) : null;
        return Task.FromResult(new CampaignPage(items, next, matched));
    }

    public async IAsyncEnumerable<Campaign> ScanAsync(CampaignFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var campaign in campaigns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (filter.Matches(campaign))
            {
                yield return campaign;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static string Fingerprint(CampaignFilter filter, CampaignSort sort) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{filter.Fingerprint()}#{sort}"))[..9]);

    private static string MakeCursor(int offset, string fingerprint) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($"m1.{offset}.{fingerprint}"));

    private static int ReadCursor(string cursor, string fingerprint)
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
        if (parts.Length != 3 || parts[0] != "m1" || !int.TryParse(parts[1], out var offset) || offset < 0)
        {
            throw new InvalidCursorException("The cursor is not one this server issued");
        }

        if (parts[2] != fingerprint)
        {
            throw new InvalidCursorException("The cursor belongs to a different filter or sort; repeat the query without a cursor");
        }

        return offset;
    }
}
