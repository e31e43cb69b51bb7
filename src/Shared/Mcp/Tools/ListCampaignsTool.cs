using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public sealed class ListCampaignsTool(ICampaignStore store) : ICampaignTool
{
    public const string Name = "list_campaigns";

    public ScopeSet RequiredScope => ScopeSet.CampaignsRead;

    public Tool Definition { get; } = ToolDefinition.Create(
        Name,
        "List campaigns",
        "Finds marketing campaigns by status, channel, date range, text or minimum spend, sorted as asked, one page at a time. " +
        "Returns each campaign's budget, spend and lifetime counts, the number of matches, and next_cursor when more pages exist: " +
        "pass it back as 'cursor' with the same filters to get the next page. Use get_campaign for derived metrics of one campaign " +
        "and campaign_performance for totals.",
        ListCampaignsArguments.Input,
        McpToolJsonContext.Default.CampaignListOutput);

    public async Task<ToolResult> CallAsync(IDictionary<string, JsonElement>? arguments, ToolProgress progress, CancellationToken cancellationToken)
    {
        var args = ListCampaignsArguments.Read(arguments);
        CampaignPage page;
        try
        {
            page = await store.QueryAsync(args.Filter, args.Sort, args.Cursor, args.Limit, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidCursorException exception)
        {
            throw new ToolInputException($"'{ListCampaignsArguments.CursorParameter.Name}' is not valid: {exception.Message}.");
        }

        return ToolResult.Structured(new CampaignListOutput(page.Items, page.Items.Count, page.TotalMatched, page.NextCursor), McpToolJsonContext.Default.CampaignListOutput);
    }
}
