using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// One argument of a tool, declared once: it writes its entry of the input schema and reads the argument
/// against the same limits, so what <c>tools/list</c> advertises and what <c>tools/call</c> accepts cannot drift apart.
/// </summary>
public abstract class ToolParameter(string name, string description)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public virtual bool Required => false;

    /// <summary>This argument's JSON Schema: an entry of the input schema's <c>properties</c>.</summary>
    public JsonObject Schema()
    {
        var schema = Constraints();
        schema["description"] = Description;
        return schema;
    }

    protected abstract JsonObject Constraints();

    protected static JsonArray Names(IEnumerable<string> names) => [.. names.Select(n => JsonValue.Create(n))];
}
