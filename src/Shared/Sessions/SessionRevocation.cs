namespace CampaignMcp.Sessions;

/// <summary>The body of <c>POST /api/v1/mcp/sessions</c>, and <c>data</c> of its answer (<see cref="Revoked"/>).</summary>
public sealed record SessionRevocation(string? SessionId = null, string? User = null, string? ClientId = null, int? Revoked = null);
