using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public sealed class GetCampaignTool(ICampaignStore store) : ICampaignTool
{
    public const string Name = "get_campaign";
    private static readonly string[] Accepted = ["id"];

    public ScopeSet RequiredScope => ScopeSet.CampaignsRead;

    public Tool Definition { get; } = ToolResults.Define(
        Name,
        "Get a campaign",
        "Returns one campaign by id (for example cmp-0042) with its derived metrics: CTR (clicks/impressions), CVR (conversions/clicks), " +
        "CPC (spend/clicks), CPA (spend/conversions), ROAS (revenue/spend), and budget remaining and utilization. A metric is null when " +
        "its denominator is zero. Find ids with list_campaigns.",
        """
        {
          "type": "object",
          "properties": { "id": { "type": "string", "description": "Campaign id, e.g. cmp-0042.", "maxLength": 64 } },
          "required": ["id"],
          "additionalProperties": false
        }
        """);

    public async Task<CallToolResult> CallAsync(IDictionary<string, JsonElement>? arguments, ToolProgress progress, CancellationToken cancellationToken)
    {
        var id = new ToolArguments(arguments, Accepted).RequiredString("id", 64);
        var campaign = await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ToolInputException($"No campaign has id '{id}'. Ids look like cmp-0042; use list_campaigns (with 'text') to find one.");
        return ToolResults.Structured(Describe(campaign), McpToolJsonContext.Default.CampaignDetailOutput);
    }

    public static CampaignDetailOutput Describe(Campaign campaign) => new(
        campaign,
        CampaignMetrics.From(campaign),
        campaign.Budget - campaign.Spend,
        campaign.Budget == 0 ? null : Math.Round(campaign.Spend / campaign.Budget, 4));
}
