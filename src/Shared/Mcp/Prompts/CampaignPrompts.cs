using System.Text.Json;
using CampaignMcp.Campaigns;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Prompts;

/// <summary>
/// Prompts that set an assistant up to review performance with the tools. They carry no campaign data
/// themselves (data only flows through scope-checked tools and resources).
/// </summary>
public static class CampaignPrompts
{
    public const string ReviewPerformance = "review_campaign_performance";
    public const string DiagnoseCampaign = "diagnose_campaign";

    public static readonly IReadOnlyList<Prompt> All =
    [
        new Prompt
        {
            Name = ReviewPerformance,
            Title = "Review campaign performance",
            Description = "Compare channels and months, find the best and worst campaigns, and recommend budget moves.",
            Arguments =
            [
                new PromptArgument { Name = "channel", Description = "Limit the review to one channel: email, search, social, display or video.", Required = false },
                new PromptArgument { Name = "since", Description = "Only campaigns running on or after this date (YYYY-MM-DD).", Required = false },
            ],
        },
        new Prompt
        {
            Name = DiagnoseCampaign,
            Title = "Diagnose one campaign",
            Description = "Explain how one campaign is doing against its budget and its channel's typical results.",
            Arguments = [new PromptArgument { Name = "campaign_id", Description = "Campaign id, e.g. cmp-0042.", Required = true }],
        },
    ];

    public static GetPromptResult Get(string name, IDictionary<string, JsonElement>? arguments)
    {
        string? Argument(string key) =>
            arguments is not null && arguments.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()!.Trim()
                : null;

        switch (name)
        {
            case ReviewPerformance:
                var channel = Argument("channel");
                if (channel is not null && !CampaignVocabulary.Channels.ContainsKey(channel.ToLowerInvariant()))
                {
                    throw new McpProtocolException($"Argument 'channel' must be one of {string.Join(", ", CampaignVocabulary.Channels.Keys)}.", McpErrorCode.InvalidParams);
                }

                var since = Argument("since");
                if (since is not null && !DateOnly.TryParseExact(since, "yyyy-MM-dd", out _))
                {
                    throw new McpProtocolException("Argument 'since' must be a date like 2026-01-31.", McpErrorCode.InvalidParams);
                }

                var scope = (channel is null ? "all channels" : $"the {channel.ToLowerInvariant()} channel") + (since is null ? "" : $", campaigns running since {since}");
                return Message($"Review marketing campaign performance for {scope}.",
                    $"""
                    Review our marketing campaign performance for {scope}.
                    1. Call campaign_performance grouped by channel, then grouped by month, with the same filter{(channel is null ? "" : $" (channel: {channel.ToLowerInvariant()})")}{(since is null ? "" : $" and start_date {since}")}.
                    2. Call list_campaigns sorted by roas_desc (limit 5) and again filtered to status active sorted by spend_desc, to name the best and the biggest spenders.
                    3. Summarise: which channels and months return the most revenue per dollar (ROAS), where CPA is worst, and which active campaigns are over-spending against their budget.
                    4. Recommend up to three concrete budget moves, each with the numbers that justify it.
                    Say when a metric is null because nothing was spent or clicked yet, rather than treating it as zero.
                    """);
            case DiagnoseCampaign:
                var id = Argument("campaign_id") ?? throw new McpProtocolException("Argument 'campaign_id' is required.", McpErrorCode.InvalidParams);
                return Message($"Diagnose campaign {id}.",
                    $"""
                    Diagnose campaign {id}.
                    1. Call get_campaign with id "{id}" for its budget, spend and derived metrics.
                    2. Call campaign_performance filtered to the same channel, grouped by status, to get the channel's typical CTR, CVR, CPA and ROAS.
                    3. Explain in plain language how the campaign compares with its channel, whether it will finish within budget, and the one change most likely to improve it.
                    """);
            default:
                throw new McpProtocolException($"Unknown prompt '{name}'. Available prompts: {ReviewPerformance}, {DiagnoseCampaign}.", McpErrorCode.InvalidParams);
        }
    }

    private static GetPromptResult Message(string description, string text) => new()
    {
        Description = description,
        Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = text } }],
    };
}
