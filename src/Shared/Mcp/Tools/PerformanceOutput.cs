namespace CampaignMcp.Mcp.Tools;

/// <summary>campaign_performance's structured result (snake_case on the wire).</summary>
public sealed record PerformanceOutput(string GroupBy, string Currency, IReadOnlyList<PerformanceGroup> Groups, PerformanceGroup Totals);
