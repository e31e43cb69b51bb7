using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp.Tools;

/// <summary>An optional filter on one name, or an array of names, from a vocabulary.</summary>
public sealed class ChoiceSetParameter<T>(string name, string description, IReadOnlyDictionary<string, T> allowed) : ToolParameter(name, description)
    where T : notnull
{
    protected override JsonObject Constraints() => new()
    {
        ["oneOf"] = new JsonArray(
            new JsonObject { ["type"] = "string", ["enum"] = Names(allowed.Keys) },
            new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = Names(allowed.Keys) } }),
    };

    /// <summary>The names given, or null when the argument is absent (or an empty array): no filter.</summary>
    public IReadOnlySet<T>? Read(ToolArguments arguments) => arguments.OptionalSet(Name, allowed);
}
