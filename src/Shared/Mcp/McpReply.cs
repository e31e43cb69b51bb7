namespace CampaignMcp.Mcp;

/// <summary>What processing one transport message wrote, for the transport to frame it.</summary>
/// <param name="Answered">A reply was written (notifications and responses get none).</param>
/// <param name="AuthFailure">A single message refused for authorization, and why (HTTP maps it to 401/403/503).</param>
/// <param name="IsInvalidMessage">The message was not JSON, or not JSON-RPC: the reply is a -32700/-32600 error (HTTP 400).</param>
public readonly record struct McpReply(bool Answered, McpAuthFailure? AuthFailure = null, bool IsInvalidMessage = false);
