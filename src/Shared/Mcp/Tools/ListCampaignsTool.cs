using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public sealed class ListCampaignsTool(ICampaignStore store) : ICampaignTool
{
    public const string Name = "list_campaigns";
    public const int DefaultLimit = 25;
    public const int MaximumLimit = 100;
    private static readonly string[] Accepted = [.. CampaignFilterArguments.Names, "sort", "cursor", "limit"];

    public ScopeSet RequiredScope => ScopeSet.CampaignsRead;

    public Tool Definition { get; } = ToolResults.Define(
        Name,
        "List campaigns",
        "Finds marketing campaigns by status, channel, date range, text or minimum spend, sorted as asked, one page at a time. " +
        "Returns each campaign's budget, spend and lifetime counts, the number of matches, and next_cursor when more pages exist: " +
        "pass it back as 'cursor' with the same filters to get the next page. Use get_campaign for derived metrics of one campaign " +
        "and campaign_performance for totals.",
        $$"""
        {
          "type": "object",
          "properties": {
            {{CampaignFilterArguments.SchemaProperties}},
            "sort": { "type": "string", "enum": [{{string.Join(", ", CampaignSortNames.ByName.Keys.Select(k => $"\"{k}\""))}}], "default": "updated_at_desc", "description": "Order of results." },
            "cursor": { "type": "string", "description": "next_cursor from the previous page of the same query." },
            "limit": { "type": "integer", "minimum": 1, "maximum": {{MaximumLimit}}, "default": {{DefaultLimit}}, "description": "Campaigns per page." }
          },
          "additionalProperties": false
        }
        """);

    public async Task<CallToolResult> CallAsync(IDictionary<string, JsonElement>? arguments, ToolProgress progress, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, Accepted);
        var filter = CampaignFilterArguments.Parse(args);
        var sort = args.OptionalChoice("sort", CampaignSortNames.ByName, CampaignSort.UpdatedAtDescending);
        var limit = args.OptionalInt("limit", 1, MaximumLimit, DefaultLimit);
        var cursor = args.OptionalString("cursor", 512);
        CampaignPage page;
        try
        {
            page = await store.QueryAsync(filter, sort, cursor, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidCursorException exception)
        {
            throw new ToolInputException($"'cursor' is not valid: {exception.Message}.");
        }

        return ToolResults.Structured(new CampaignListOutput(page.Items, page.Items.Count, page.TotalMatched, page.NextCursor), McpToolJsonContext.Default.CampaignListOutput);
    }
}
