using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// A tool's <c>outputSchema</c>, exported from the same source-generated contract that serializes its
/// <c>structuredContent</c>, so the two cannot disagree. Clients validate structured results against it
/// (MCP 2025-11-25 tools, "Output Schema").
/// </summary>
public static class ToolOutputSchema
{
    private static readonly JsonSchemaExporterOptions Options = new()
    {
        // Non-nullable reference types are not null on the wire; the root must be "type": "object", not ["object", "null"].
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = static (context, node) =>
        {
            // Decimals are written by ShortestDecimalConverter, which the exporter cannot see into: they are still numbers.
            if (context.TypeInfo.Type == typeof(decimal))
            {
                return new JsonObject { ["type"] = "number" };
            }

            if (context.TypeInfo.Type == typeof(decimal?))
            {
                return new JsonObject { ["type"] = new JsonArray("number", "null") };
            }

            // The output records are closed: a property they do not declare is a mistake a client should catch.
            if (node is JsonObject schema && schema.ContainsKey("properties"))
            {
                schema["additionalProperties"] = false;
            }

            return node;
        },
    };

    public static JsonElement For(JsonTypeInfo typeInfo)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(typeInfo, Options);
        return JsonDocument.Parse(schema.ToJsonString()).RootElement.Clone();
    }
}
