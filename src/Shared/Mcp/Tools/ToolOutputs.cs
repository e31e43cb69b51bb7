using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>Structured results of the campaign tools (snake_case on the wire).</summary>
public sealed record CampaignListOutput(IReadOnlyList<Campaign> Campaigns, int Returned, int TotalMatched, string? NextCursor);

public sealed record CampaignDetailOutput(Campaign Campaign, CampaignMetrics Metrics, decimal BudgetRemaining, decimal? BudgetUtilization);

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

public sealed record PerformanceOutput(string GroupBy, string Currency, IReadOnlyList<PerformanceGroup> Groups, PerformanceGroup Totals);
