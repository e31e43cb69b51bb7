using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

/// <summary>A result built as the SDK's object (errors, exports), written with the SDK's contract and the writer's escaping.</summary>
public sealed class ContentToolResult(CallToolResult result) : ToolResult
{
    public override void WriteTo(Utf8JsonWriter writer) =>
        JsonSerializer.Serialize(writer, result, McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>());

    public override CallToolResult ToCallToolResult() => result;
}
