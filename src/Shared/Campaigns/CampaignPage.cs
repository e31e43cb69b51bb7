namespace CampaignMcp.Campaigns;

/// <summary>One page of a query; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record CampaignPage(IReadOnlyList<Campaign> Items, string? NextCursor, int TotalMatched);
