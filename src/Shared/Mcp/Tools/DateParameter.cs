using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp.Tools;

/// <summary>An optional calendar date written YYYY-MM-DD (JSON Schema <c>format: date</c>, RFC 3339 full-date).</summary>
public sealed class DateParameter(string name, string description) : ToolParameter(name, description)
{
    public const int Length = 10;

    protected override JsonObject Constraints() => new() { ["type"] = "string", ["format"] = "date", ["maxLength"] = Length };

    public DateOnly? Read(ToolArguments arguments) => arguments.OptionalDate(Name, Length);
}
