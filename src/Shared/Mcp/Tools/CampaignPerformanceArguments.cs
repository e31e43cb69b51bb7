using System.Text.Json;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>campaign_performance's arguments: the declaration its input schema is made from, and the values read against it.</summary>
public sealed record CampaignPerformanceArguments(CampaignFilter Filter, string GroupBy)
{
    public static readonly ChoiceParameter<string> GroupByParameter = new(
        "group_by",
        "How to group the campaigns.",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["channel"] = "channel", ["status"] = "status", ["month"] = "month" },
        "channel");

    public static readonly ToolInput Input = new([.. CampaignFilterArguments.All, GroupByParameter]);

    public static CampaignPerformanceArguments Read(IDictionary<string, JsonElement>? arguments)
    {
        var args = Input.Read(arguments);
        var filter = CampaignFilterArguments.Read(args);
        return new(filter, GroupByParameter.Read(args));
    }
}
