using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>list_campaigns' structured result (snake_case on the wire).</summary>
public sealed record CampaignListOutput(IReadOnlyList<Campaign> Campaigns, int Returned, int TotalMatched, string? NextCursor);
