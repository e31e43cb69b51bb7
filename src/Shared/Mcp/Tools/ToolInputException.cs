namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// A tool's input or lookup failed in a way the model can fix. Reported as a <c>CallToolResult</c> with
/// <c>isError: true</c> (MCP 2025-11-25 tools, "Error Handling"), never as a protocol error.
/// </summary>
public sealed class ToolInputException(string message) : Exception(message);
