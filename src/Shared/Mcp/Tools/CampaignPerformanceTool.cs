using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public sealed class CampaignPerformanceTool(ICampaignStore store) : ICampaignTool
{
    public const string Name = "campaign_performance";
    private static readonly string[] Accepted = [.. CampaignFilterArguments.Names, "group_by"];
    private static readonly IReadOnlyDictionary<string, string> Groupings = new Dictionary<string, string> { ["channel"] = "channel", ["status"] = "status", ["month"] = "month" };

    public ScopeSet RequiredScope => ScopeSet.CampaignsRead;

    public Tool Definition { get; } = ToolResults.Define(
        Name,
        "Campaign performance",
        "Aggregates the campaigns matching a filter, grouped by channel, status or start month (YYYY-MM): count, budget, spend, " +
        "impressions, clicks, conversions and revenue per group, with CTR, CVR, CPC, CPA and ROAS computed from the group's totals " +
        "(not averaged), plus overall totals. Use it to compare channels or track performance over time.",
        $$"""
        {
          "type": "object",
          "properties": {
            {{CampaignFilterArguments.SchemaProperties}},
            "group_by": { "type": "string", "enum": ["channel", "status", "month"], "default": "channel", "description": "How to group the campaigns." }
          },
          "additionalProperties": false
        }
        """);

    public async Task<CallToolResult> CallAsync(IDictionary<string, JsonElement>? arguments, ToolProgress progress, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, Accepted);
        var filter = CampaignFilterArguments.Parse(args);
        var groupBy = args.OptionalChoice("group_by", Groupings, "channel");
        Func<Campaign, string> key = groupBy switch
        {
            "status" => c => c.Status.ToString().ToLowerInvariant(),
            "month" => c => c.StartDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            _ => c => c.Channel.ToString().ToLowerInvariant(),
        };

        var groups = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        var totals = new Accumulator();
        await foreach (var campaign in store.ScanAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            var name = key(campaign);
            if (!groups.TryGetValue(name, out var group))
            {
                groups[name] = group = new Accumulator();
            }

            group.Add(campaign);
            totals.Add(campaign);
        }

        var output = new PerformanceOutput(groupBy, "USD", groups.Select(g => g.Value.ToGroup(g.Key)).ToArray(), totals.ToGroup("total"));
        return ToolResults.Structured(output, McpToolJsonContext.Default.PerformanceOutput);
    }

    private sealed class Accumulator
    {
        private int count;
        private decimal budget;
        private decimal spend;
        private long impressions;
        private long clicks;
        private long conversions;
        private decimal revenue;

        public void Add(Campaign campaign)
        {
            count++;
            budget += campaign.Budget;
            spend += campaign.Spend;
            impressions += campaign.Impressions;
            clicks += campaign.Clicks;
            conversions += campaign.Conversions;
            revenue += campaign.Revenue;
        }

        public PerformanceGroup ToGroup(string name) => new(
            name, count, budget, spend, impressions, clicks, conversions, revenue,
            CampaignMetrics.From(impressions, clicks, conversions, spend, revenue));
    }
}
