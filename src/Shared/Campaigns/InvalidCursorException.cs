namespace CampaignMcp.Campaigns;

/// <summary>A cursor this store did not issue for this query.</summary>
public sealed class InvalidCursorException(string message) : Exception(message);
