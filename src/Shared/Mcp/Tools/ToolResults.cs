using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public static class ToolResults
{
    /// <summary>
    /// Structured content plus the same JSON as text, which the spec asks for so that clients without
    /// structured-content support still see the result (MCP 2025-06-18 tools, "Structured Content").
    /// </summary>
    public static CallToolResult Structured<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var element = JsonSerializer.SerializeToElement(value, typeInfo);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }

    public static CallToolResult Error(string message) => new()
    {
        Content = [new TextContentBlock { Text = message }],
        IsError = true,
    };
}
