using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp.Tools;

/// <summary>A string argument, trimmed; blank counts as absent.</summary>
public sealed class TextParameter(string name, string description, int maxLength, bool required = false) : ToolParameter(name, description)
{
    public override bool Required => required;

    protected override JsonObject Constraints() => required
        ? new() { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = maxLength }
        : new() { ["type"] = "string", ["maxLength"] = maxLength };

    /// <summary>The trimmed text, or null when absent or blank (which a required argument refuses).</summary>
    public string? Read(ToolArguments arguments) =>
        required ? arguments.RequiredString(Name, maxLength) : arguments.OptionalString(Name, maxLength);
}
