using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp.Tools;

/// <summary>An optional choice of one name from a vocabulary, with a default.</summary>
public sealed class ChoiceParameter<T>(string name, string description, IReadOnlyDictionary<string, T> allowed, T fallback) : ToolParameter(name, description)
    where T : notnull
{
    private readonly string defaultName = allowed.Single(pair => EqualityComparer<T>.Default.Equals(pair.Value, fallback)).Key;

    protected override JsonObject Constraints() => new() { ["type"] = "string", ["enum"] = Names(allowed.Keys), ["default"] = defaultName };

    public T Read(ToolArguments arguments) => arguments.OptionalChoice(Name, allowed, fallback);
}
