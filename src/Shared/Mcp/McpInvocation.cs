namespace CampaignMcp.Mcp;

/// <summary>What the transport knows about one incoming MCP message.</summary>
/// <param name="Surface">Where it came from, for logs: <c>mcp-http</c>, <c>signalr</c>.</param>
/// <param name="TransportToken">The bearer token the transport carried (HTTP header, SignalR binding), if any.</param>
/// <param name="ProtocolVersion">The <c>MCP-Protocol-Version</c> the transport carried, if any.</param>
/// <param name="RemoteAddress">For logs only.</param>
/// <param name="TransportClientId">
/// The client the transport vouches for, for audit lines when the token names none (SignalR: the signed
/// upstream's user id, which negotiate set to the token's client id). Never used to authorize.
/// </param>
public sealed record McpInvocation(string Surface, string? TransportToken, string? ProtocolVersion, string RemoteAddress, string? TransportClientId = null);
