namespace CampaignMcp.Campaigns;

/// <summary>One marketing campaign. Money is in <see cref="Currency"/> units; counts are lifetime totals.</summary>
public sealed record Campaign
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required CampaignStatus Status { get; init; }
    public required CampaignChannel Channel { get; init; }
    public required string Objective { get; init; }
    public required decimal Budget { get; init; }
    public required decimal Spend { get; init; }
    public required string Currency { get; init; }
    public required DateOnly StartDate { get; init; }
    public required DateOnly EndDate { get; init; }
    public required long Impressions { get; init; }
    public required long Clicks { get; init; }
    public required long Conversions { get; init; }
    public required decimal Revenue { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
