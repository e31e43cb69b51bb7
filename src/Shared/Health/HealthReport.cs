namespace CampaignMcp.Health;

/// <summary>The body of <c>GET /api/v1/mcp/health</c>. Holds no secret, key, or key length.</summary>
public sealed record HealthReport(string Status, string Version, string Environment, long UptimeSeconds, AuthHealth Auth, SignalRHealth Signalr, StorageHealth Storage);

public sealed record AuthHealth(
    bool Enabled,
    bool Configured,
    IReadOnlyList<string> Issues,
    IReadOnlyList<string> Warnings,
    string Credentials,
    long TokenExpirySeconds,
    IReadOnlyList<string> AllowedClients,
    IReadOnlyList<string> CorsOrigins,
    string Issuer,
    string Audience);

/// <summary>Which SignalR Service the functions talk to (host only), the connections this instance saw, and what is wrong with its setting.</summary>
public sealed record SignalRHealth(string Mode, string? Endpoint, string Hub, long ConnectionsOpened, long ConnectionsClosed, string? Problem = null);

/// <summary>Which store the app uses and, for Table Storage, its endpoint host (no keys) and whether it answered lately.</summary>
public sealed record StorageHealth(string Store, string? Endpoint, string? Authentication, bool Reachable, string? Problem);
