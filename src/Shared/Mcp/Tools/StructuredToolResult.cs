using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CampaignMcp.Serialization;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// Structured content written once: the value is serialized into a pooled buffer, and those bytes become both
/// the text block (as a JSON string) and <c>structuredContent</c> (raw), with no document or string in between.
/// </summary>
public sealed class StructuredToolResult<T>(T value, JsonTypeInfo<T> typeInfo) : ToolResult
{
    private static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText StructuredContent = JsonEncodedText.Encode("structuredContent");

    public override void WriteTo(Utf8JsonWriter writer)
    {
        // The payload is escaped as the response is (the caller's writer decides), so the text block holds the same JSON.
        using var payload = new PooledBufferWriter(16 * 1024);
        using (var payloadWriter = new Utf8JsonWriter(payload, new JsonWriterOptions { Encoder = writer.Options.Encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(payloadWriter, value, typeInfo);
        }

        // Member order as the SDK writes CallToolResult: content, structuredContent (isError omitted when not set).
        writer.WriteStartObject();
        writer.WriteStartArray(Content);
        writer.WriteStartObject();
        writer.WriteString(Type, Text);
        writer.WriteString(Text, payload.WrittenSpan);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WritePropertyName(StructuredContent);
        writer.WriteRawValue(payload.WrittenSpan, skipInputValidation: true);
        writer.WriteEndObject();
    }

    public override CallToolResult ToCallToolResult()
    {
        var element = JsonSerializer.SerializeToElement(value, typeInfo);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }
}
