using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public sealed class GetCampaignTool(ICampaignStore store) : ICampaignTool
{
    public const string Name = "get_campaign";

    public ScopeSet RequiredScope => ScopeSet.CampaignsRead;

    public Tool Definition { get; } = ToolDefinition.Create(
        Name,
        "Get a campaign",
        "Returns one campaign by id (for example cmp-0042) with its derived metrics: CTR (clicks/impressions), CVR (conversions/clicks), " +
        "CPC (spend/clicks), CPA (spend/conversions), ROAS (revenue/spend), and budget remaining and utilization. A metric is null when " +
        "its denominator is zero. Find ids with list_campaigns.",
        GetCampaignArguments.Input,
        McpToolJsonContext.Default.CampaignDetailOutput);

    public async Task<ToolResult> CallAsync(IDictionary<string, JsonElement>? arguments, ToolProgress progress, CancellationToken cancellationToken)
    {
        var id = GetCampaignArguments.Read(arguments).Id;
        var campaign = await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ToolInputException($"No campaign has id '{id}'. Ids look like cmp-0042; use list_campaigns (with 'text') to find one.");
        return ToolResult.Structured(CampaignDetailOutput.Of(campaign), McpToolJsonContext.Default.CampaignDetailOutput);
    }
}
