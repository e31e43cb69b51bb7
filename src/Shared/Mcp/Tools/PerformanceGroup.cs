using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>One group (or the totals) of campaign_performance's result (snake_case on the wire).</summary>
public sealed record PerformanceGroup(
    string Key,
    int Campaigns,
    decimal Budget,
    decimal Spend,
    long Impressions,
    long Clicks,
    long Conversions,
    decimal Revenue,
    CampaignMetrics Metrics);
