using System.Text.Json.Nodes;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// Which scopes each MCP method needs. <c>tools/call</c> needs <c>tools:call</c> plus the tool's own
/// scope; resource methods and completion (which reveals campaign ids) need <c>campaigns:read</c>;
/// everything else (initialize, ping, tools/list, prompts) needs only a valid token.
/// </summary>
public sealed class McpAccessPolicy(ToolCatalog tools)
{
    public ScopeSet RequiredScopes(string method, JsonNode? parameters) => method switch
    {
        RequestMethods.ToolsCall => tools.ScopesToCall(ToolName(parameters)),
        RequestMethods.ResourcesList or RequestMethods.ResourcesRead or RequestMethods.ResourcesTemplatesList
            or RequestMethods.ResourcesSubscribe or RequestMethods.ResourcesUnsubscribe or RequestMethods.CompletionComplete => ScopeSet.CampaignsRead,
        _ => ScopeSet.None,
    };

    private static string? ToolName(JsonNode? parameters) =>
        parameters is JsonObject body && body["name"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
}
