using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp.Tools;

/// <summary>An optional number with a lower bound.</summary>
public sealed class NumberParameter(string name, string description, decimal minimum) : ToolParameter(name, description)
{
    protected override JsonObject Constraints() => new() { ["type"] = "number", ["minimum"] = minimum };

    public decimal? Read(ToolArguments arguments) => arguments.OptionalDecimal(Name, minimum);
}
