namespace CampaignMcp.Campaigns;

/// <summary>
/// Which campaigns a query covers. Every criterion is optional and they combine with AND; a date range
/// keeps campaigns whose run overlaps it.
/// </summary>
public sealed record CampaignFilter
{
    public static readonly CampaignFilter All = new();

    public IReadOnlySet<CampaignStatus>? Statuses { get; init; }
    public IReadOnlySet<CampaignChannel>? Channels { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Text { get; init; }
    public decimal? MinimumSpend { get; init; }

    public bool Matches(Campaign campaign) =>
        (Statuses is null || Statuses.Contains(campaign.Status))
        && (Channels is null || Channels.Contains(campaign.Channel))
        && (From is null || campaign.EndDate >= From)
        && (To is null || campaign.StartDate <= To)
        && (MinimumSpend is null || campaign.Spend >= MinimumSpend)
        && (string.IsNullOrEmpty(Text) || MatchesText(campaign, Text));

    private static bool MatchesText(Campaign campaign, string text) =>
        campaign.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
        || campaign.Objective.Contains(text, StringComparison.OrdinalIgnoreCase)
        || campaign.Id.Equals(text, StringComparison.OrdinalIgnoreCase)
        || campaign.Tags.Any(tag => tag.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>A stable fingerprint, so that a cursor made for one filter is refused for another.</summary>
    public string Fingerprint() => string.Join('|',
        Statuses is null ? "*" : string.Join(',', Statuses.Order()),
        Channels is null ? "*" : string.Join(',', Channels.Order()),
        From?.ToString("O") ?? "*",
        To?.ToString("O") ?? "*",
        Text?.ToUpperInvariant() ?? "*",
        MinimumSpend?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*");
}
