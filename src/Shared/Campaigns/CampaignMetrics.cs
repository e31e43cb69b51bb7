namespace CampaignMcp.Campaigns;

/// <summary>
/// Ratios derived from a campaign's (or a group's) totals. A ratio whose denominator is zero is null,
/// not zero: "no clicks yet" is not "a CTR of 0 %".
/// </summary>
public sealed record CampaignMetrics(decimal? Ctr, decimal? Cvr, decimal? Cpc, decimal? Cpa, decimal? Roas)
{
    public static CampaignMetrics From(long impressions, long clicks, long conversions, decimal spend, decimal revenue) => new(
        Ratio(clicks, impressions, 4),
        Ratio(conversions, clicks, 4),
        Ratio(spend, clicks, 2),
        Ratio(spend, conversions, 2),
        Ratio(revenue, spend, 2));

    public static CampaignMetrics From(Campaign campaign) =>
        From(campaign.Impressions, campaign.Clicks, campaign.Conversions, campaign.Spend, campaign.Revenue);

    private static decimal? Ratio(decimal numerator, decimal denominator, int decimals) =>
        denominator == 0 ? null : Math.Round(numerator / denominator, decimals, MidpointRounding.AwayFromZero);
}
