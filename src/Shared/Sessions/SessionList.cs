namespace CampaignMcp.Sessions;

/// <summary><c>data</c> of <c>GET /api/v1/mcp/sessions</c>.</summary>
public sealed record SessionList(IReadOnlyList<Session> Sessions);
