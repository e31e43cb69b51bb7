using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// What a tool returns: a <c>CallToolResult</c> that writes itself once, straight into the JSON-RPC
/// response (<see cref="WriteTo"/>), and can still become the SDK's own object where the SDK answers.
/// </summary>
public abstract class ToolResult
{
    /// <summary>Writes the <c>CallToolResult</c> object, in the SDK's member order and names.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The same result as the SDK's type (the SDK path and the tests that compare with it).</summary>
    public abstract CallToolResult ToCallToolResult();

    /// <summary>
    /// Structured content plus the same JSON as text, which the spec asks for so that clients without
    /// structured-content support still see the result (MCP 2025-06-18 tools, "Structured Content").
    /// </summary>
    public static ToolResult Structured<T>(T value, JsonTypeInfo<T> typeInfo) => new StructuredToolResult<T>(value, typeInfo);

    public static ToolResult Of(CallToolResult result) => new ContentToolResult(result);

    public static ToolResult Error(string message) => new ContentToolResult(new CallToolResult
    {
        Content = [new TextContentBlock { Text = message }],
        IsError = true,
    });
}
