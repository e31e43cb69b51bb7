namespace CampaignMcp.Health;

/// <summary>Which store the app uses and, for Table Storage, its endpoint host (no keys) and whether it answered lately.</summary>
public sealed record StorageHealth(string Store, string? Endpoint, string? Authentication, bool Reachable, string? Problem);
