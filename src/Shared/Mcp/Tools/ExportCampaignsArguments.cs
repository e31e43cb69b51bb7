using System.Text.Json;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>export_campaigns' arguments: the declaration its input schema is made from, and the values read against it.</summary>
public sealed record ExportCampaignsArguments(CampaignFilter Filter, string Format, int MaxRows)
{
    public static readonly ChoiceParameter<string> FormatParameter = new(
        "format",
        "File format.",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["csv"] = "csv", ["json"] = "json" },
        "csv");

    public static readonly IntegerParameter MaxRowsParameter = new("max_rows", "Row cap.", 1, 5000, 1000);

    public static readonly ToolInput Input = new([.. CampaignFilterArguments.All, FormatParameter, MaxRowsParameter]);

    public static ExportCampaignsArguments Read(IDictionary<string, JsonElement>? arguments)
    {
        var args = Input.Read(arguments);
        var filter = CampaignFilterArguments.Read(args);
        return new(filter, FormatParameter.Read(args), MaxRowsParameter.Read(args));
    }
}
