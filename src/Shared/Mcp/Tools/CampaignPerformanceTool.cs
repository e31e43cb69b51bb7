using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public sealed class CampaignPerformanceTool(ICampaignStore store) : ICampaignTool
{
    public const string Name = "campaign_performance";

    public ScopeSet RequiredScope => ScopeSet.CampaignsRead;

    public Tool Definition { get; } = ToolDefinition.Create(
        Name,
        "Campaign performance",
        "Aggregates the campaigns matching a filter, grouped by channel, status or start month (YYYY-MM): count, budget, spend, " +
        "impressions, clicks, conversions and revenue per group, with CTR, CVR, CPC, CPA and ROAS computed from the group's totals " +
        "(not averaged), plus overall totals. Use it to compare channels or track performance over time.",
        CampaignPerformanceArguments.Input,
        McpToolJsonContext.Default.PerformanceOutput);

    public async Task<ToolResult> CallAsync(IDictionary<string, JsonElement>? arguments, ToolProgress progress, CancellationToken cancellationToken)
    {
        var (filter, groupBy) = CampaignPerformanceArguments.Read(arguments);
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
        return ToolResult.Structured(output, McpToolJsonContext.Default.PerformanceOutput);
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
