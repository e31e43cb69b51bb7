using CampaignMcp.Campaigns;
using CampaignMcp.Tables;

namespace CampaignMcp.Tests.Storage;

public class CampaignSnapshotCodecTests
{
    [Fact]
    public void Campaigns_read_back_exactly_money_scales_offsets_and_tags_included()
    {
        var edge = SampleCampaigns.Generate(1)[0] with
        {
            Id = "edge-1",
            Budget = 79_228_162_514_264_337_593_543_950_335m,
            Spend = 12.50m,
            Revenue = 0.0000000000000000000000000001m,
            Impressions = long.MaxValue,
            Tags = [],
            UpdatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(5.5)),
        };
        IReadOnlyList<Campaign> campaigns = [.. SampleCampaigns.Generate(), edge];

        using var bytes = new MemoryStream(CampaignSnapshotCodec.Encode([.. campaigns]));
        var decoded = CampaignSnapshotCodec.Decode(bytes);

        Assert.Equal(campaigns, decoded, CampaignComparer.Instance);
        Assert.Equal("12.50", decoded[^1].Spend.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(campaigns.Select(c => c.Revenue.Scale), decoded.Select(c => c.Revenue.Scale));
    }

    [Fact]
    public void Bytes_that_are_not_a_snapshot_are_refused() =>
        Assert.ThrowsAny<Exception>(() => CampaignSnapshotCodec.Decode(new MemoryStream([1, 2, 3, 4, 5])));
}
