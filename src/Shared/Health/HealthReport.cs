namespace CampaignMcp.Health;

/// <summary>The body of <c>GET /api/v1/mcp/health</c>. Holds no secret, key, or key length.</summary>
public sealed record HealthReport(string Status, string Version, string Environment, long UptimeSeconds, AuthHealth Auth, SignalRHealth Signalr, StorageHealth Storage);
