namespace CampaignMcp.Health;

/// <summary>Which SignalR Service the functions talk to (host only), the connections this instance saw, and what is wrong with its setting.</summary>
public sealed record SignalRHealth(string Mode, string? Endpoint, string Hub, long ConnectionsOpened, long ConnectionsClosed, string? Problem = null);
