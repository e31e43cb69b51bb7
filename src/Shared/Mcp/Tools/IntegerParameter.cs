using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp.Tools;

/// <summary>An optional whole number within bounds, with a default.</summary>
public sealed class IntegerParameter(string name, string description, int minimum, int maximum, int fallback) : ToolParameter(name, description)
{
    public int Maximum => maximum;

    protected override JsonObject Constraints() => new() { ["type"] = "integer", ["minimum"] = minimum, ["maximum"] = maximum, ["default"] = fallback };

    public int Read(ToolArguments arguments) => arguments.OptionalInt(Name, minimum, maximum, fallback);
}
