namespace CampaignMcp.Mcp;

/// <summary>One dispatch: the reply, and the notifications the server sent before it.</summary>
public sealed record McpDispatchOutput(byte[]? Response, IReadOnlyList<byte[]> Notifications);
