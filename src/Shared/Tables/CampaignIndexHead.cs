namespace CampaignMcp.Tables;

/// <summary>The published snapshot of the campaign table: which version, how many rows, in how many chunk rows.</summary>
public sealed record CampaignIndexHead(string Version, int Rows, int Chunks, Azure.ETag ETag);
