using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>get_campaign's structured result, also the body of a <c>campaign://{id}</c> resource (snake_case on the wire).</summary>
public sealed record CampaignDetailOutput(Campaign Campaign, CampaignMetrics Metrics, decimal BudgetRemaining, decimal? BudgetUtilization)
{
    public static CampaignDetailOutput Of(Campaign campaign) => new(
        campaign,
        CampaignMetrics.From(campaign),
        campaign.Budget - campaign.Spend,
        campaign.Budget == 0 ? null : Math.Round(campaign.Spend / campaign.Budget, 4));
}
