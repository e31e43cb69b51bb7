using System.Text.Json;

namespace CampaignMcp.Mcp.Tools;

/// <summary>get_campaign's arguments: the declaration its input schema is made from, and the values read against it.</summary>
public sealed record GetCampaignArguments(string Id)
{
    public static readonly TextParameter IdParameter = new("id", "Campaign id, e.g. cmp-0042.", 64, required: true);

    public static readonly ToolInput Input = new(IdParameter);

    public static GetCampaignArguments Read(IDictionary<string, JsonElement>? arguments) => new(IdParameter.Read(Input.Read(arguments))!);
}
