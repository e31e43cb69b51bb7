using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// One MCP tool. Its definition and the scope it needs sit together, so <c>tools/list</c> and
/// <c>tools/call</c> authorize from the same place.
/// </summary>
public interface ICampaignTool
{
    Tool Definition { get; }

    /// <summary>Scope needed besides <c>tools:call</c>.</summary>
    ScopeSet RequiredScope { get; }

    /// <exception cref="ToolInputException">The arguments or the lookup failed in a way the caller can fix.</exception>
    Task<ToolResult> CallAsync(IDictionary<string, System.Text.Json.JsonElement>? arguments, ToolProgress progress, CancellationToken cancellationToken);
}
