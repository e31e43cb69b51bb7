using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// A tool's arguments, declared once as <see cref="ToolParameter"/>s: the input schema <c>tools/list</c> shows
/// and the reader <c>tools/call</c> uses both come from this list (MCP 2025-11-25 tools, "Tool": <c>inputSchema</c>).
/// </summary>
public sealed class ToolInput
{
    private readonly string[] names;

    public ToolInput(params IReadOnlyList<ToolParameter> parameters)
    {
        names = [.. parameters.Select(p => p.Name)];
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new InvalidOperationException($"A tool declares an argument twice: {string.Join(", ", names)}.");
        }

        var properties = new JsonObject();
        foreach (var parameter in parameters)
        {
            properties[parameter.Name] = parameter.Schema();
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        var required = parameters.Where(p => p.Required).Select(p => JsonValue.Create(p.Name)).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        schema["additionalProperties"] = false;
        Schema = JsonDocument.Parse(schema.ToJsonString()).RootElement.Clone();
    }

    public JsonElement Schema { get; }

    /// <exception cref="ToolInputException">An argument is not one of the declared ones.</exception>
    public ToolArguments Read(IDictionary<string, JsonElement>? arguments) => new(arguments, names);
}
