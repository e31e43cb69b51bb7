using CampaignMcp.Campaigns;

namespace CampaignMcp.Tests.Storage;

/// <summary>Field-by-field equality of campaigns (the record's own compares the tag lists by reference).</summary>
public sealed class CampaignComparer : IEqualityComparer<Campaign?>
{
    public static readonly CampaignComparer Instance = new();
    private static readonly string[] NoTags = [];

    public bool Equals(Campaign? x, Campaign? y) =>
        x is not null && y is not null
        && (x with { Tags = NoTags }) == (y with { Tags = NoTags })
        && x.Tags.SequenceEqual(y.Tags)
        && x.UpdatedAt.Offset == y.UpdatedAt.Offset
        && x.Spend.Scale == y.Spend.Scale;

    public int GetHashCode(Campaign? obj) => obj is null ? 0 : obj.Id.GetHashCode(StringComparison.Ordinal);
}
