namespace CampaignMcp.Health;

/// <summary>
/// Which SignalR Service the functions talk to (host only) and how they authenticate to it (<c>access_key</c>,
/// <c>microsoft_entra_managed_identity</c>, <c>microsoft_entra_application</c>), whether upstream calls must carry the
/// service's managed-identity token, the connections this instance saw, and what is wrong.
/// </summary>
public sealed record SignalRHealth(string Mode, string? Endpoint, string Hub, long ConnectionsOpened, long ConnectionsClosed, string? Problem = null, string? Auth = null, bool UpstreamTokenRequired = false);
