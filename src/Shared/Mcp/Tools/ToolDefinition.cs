using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public static class ToolDefinition
{
    /// <summary>
    /// A tool as <c>tools/list</c> shows it. <paramref name="output"/> is the contract of its <c>structuredContent</c>,
    /// if it returns any; the same contract must serialize the result (<see cref="ToolResult.Structured"/>).
    /// </summary>
    public static Tool Create(string name, string title, string description, ToolInput input, JsonTypeInfo? output = null, bool readOnly = true) => new()
    {
        Name = name,
        Title = title,
        Description = description,
        InputSchema = input.Schema,
        OutputSchema = output is null ? null : ToolOutputSchema.For(output),
        Annotations = new ToolAnnotations { Title = title, ReadOnlyHint = readOnly, DestructiveHint = !readOnly, IdempotentHint = true, OpenWorldHint = false },
    };
}
