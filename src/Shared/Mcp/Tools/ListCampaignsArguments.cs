using System.Text.Json;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>list_campaigns' arguments: the declaration its input schema is made from, and the values read against it.</summary>
public sealed record ListCampaignsArguments(CampaignFilter Filter, CampaignSort Sort, string? Cursor, int Limit)
{
    public static readonly ChoiceParameter<CampaignSort> SortParameter = new("sort", "Order of results.", CampaignSortNames.ByName, CampaignSort.UpdatedAtDescending);

    public static readonly TextParameter CursorParameter = new("cursor", "next_cursor from the previous page of the same query.", 512);

    public static readonly IntegerParameter LimitParameter = new("limit", "Campaigns per page.", 1, 100, 25);

    public static readonly ToolInput Input = new([.. CampaignFilterArguments.All, SortParameter, CursorParameter, LimitParameter]);

    public static ListCampaignsArguments Read(IDictionary<string, JsonElement>? arguments)
    {
        var args = Input.Read(arguments);
        var filter = CampaignFilterArguments.Read(args);
        var sort = SortParameter.Read(args);
        var limit = LimitParameter.Read(args);
        return new(filter, sort, CursorParameter.Read(args), limit);
    }
}
