namespace CampaignMcp.Campaigns;

/// <summary>
/// The embedded data set: deterministic (same seed, same campaigns on every machine) and internally
/// consistent. Each channel has its own price and response rates, so impressions follow from spend
/// (CPM), clicks from impressions (CTR), conversions from clicks (CVR) and revenue from conversions
/// (order value); spend follows the status and how much of the run has elapsed on
/// <see cref="ReferenceDate"/>, the data set's "today". All money is USD, so totals add up.
/// </summary>
public static class SampleCampaigns
{
    public const int DefaultCount = 600;
    public static readonly DateOnly ReferenceDate = new(2026, 11, 26);
    private static readonly DateOnly FirstStart = new(2025, 1, 1);
    private const int Seed = 20261126;

    private static readonly string[] Brands = ["Northwind", "Contoso", "Fabrikam", "Adventure Works", "Tailspin", "Wingtip", "Litware", "Proseware"];
    private static readonly string[] Regions = ["na", "emea", "apac", "latam"];
    private static readonly (string Theme, string Objective)[] Themes =
    [
        ("Spring Sale", "sales"), ("Summer Launch", "awareness"), ("Back to School", "sales"), ("Black Friday", "sales"),
        ("Holiday Gifts", "sales"), ("New Year", "traffic"), ("Brand Awareness", "awareness"), ("Retargeting", "sales"),
        ("Loyalty", "retention"), ("Product Launch", "awareness"), ("Lead Magnet", "leads"), ("Webinar", "leads"),
    ];

    private sealed record ChannelEconomics(decimal MinCpm, decimal MaxCpm, double MinCtr, double MaxCtr, double MinCvr, double MaxCvr, decimal MinOrder, decimal MaxOrder, decimal MinBudget, decimal MaxBudget);

    private static readonly Dictionary<CampaignChannel, ChannelEconomics> Economics = new()
    {
        [CampaignChannel.Email] = new(15m, 40m, 0.015, 0.040, 0.010, 0.040, 40m, 90m, 2_000m, 25_000m),
        [CampaignChannel.Search] = new(60m, 150m, 0.030, 0.070, 0.020, 0.060, 80m, 200m, 10_000m, 150_000m),
        [CampaignChannel.Social] = new(6m, 12m, 0.008, 0.020, 0.010, 0.030, 50m, 120m, 5_000m, 80_000m),
        [CampaignChannel.Display] = new(2m, 5m, 0.002, 0.008, 0.005, 0.020, 60m, 150m, 5_000m, 60_000m),
        [CampaignChannel.Video] = new(10m, 25m, 0.003, 0.012, 0.005, 0.020, 80m, 200m, 10_000m, 120_000m),
    };

    public static IReadOnlyList<Campaign> Generate(int count = DefaultCount)
    {
#pragma warning disable CA5394 // Deterministic sample data, not security.
        var random = new Random(Seed);
        var campaigns = new List<Campaign>(count);
        var span = ReferenceDate.AddDays(20).DayNumber - FirstStart.DayNumber;
        for (var index = 1; index <= count; index++)
        {
            var channel = (CampaignChannel)random.Next(5);
            var economics = Economics[channel];
            var (theme, objective) = Themes[random.Next(Themes.Length)];
            var brand = Brands[random.Next(Brands.Length)];
            var region = Regions[random.Next(Regions.Length)];
            var start = FirstStart.AddDays(random.Next(span));
            var end = start.AddDays(random.Next(14, 91));
            var budget = Math.Round(Between(random, economics.MinBudget, economics.MaxBudget) / 100m) * 100m;
            var status = StatusFor(random, start, end);
            var elapsed = Math.Clamp((ReferenceDate.DayNumber - start.DayNumber) / (double)(end.DayNumber - start.DayNumber), 0, 1);
            var spendShare = status switch
            {
                CampaignStatus.Completed => Between(random, 0.85, 1.0),
                CampaignStatus.Active => elapsed * Between(random, 0.9, 1.1),
                CampaignStatus.Paused => elapsed * Between(random, 0.3, 0.8),
                _ => 0,
            };
            var spend = Math.Round(budget * (decimal)Math.Min(spendShare, 1.0), 2);
            var impressions = (long)(spend / Between(random, economics.MinCpm, economics.MaxCpm) * 1000m);
            var clicks = (long)(impressions * Between(random, economics.MinCtr, economics.MaxCtr));
            var conversions = (long)(clicks * Between(random, economics.MinCvr, economics.MaxCvr));
            var revenue = Math.Round(conversions * Between(random, economics.MinOrder, economics.MaxOrder), 2);
            var lastTouched = status is CampaignStatus.Completed ? end : status is CampaignStatus.Draft or CampaignStatus.Scheduled ? start.AddDays(-random.Next(3, 30)) : ReferenceDate;
            var updatedAt = new DateTimeOffset(lastTouched.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(random.Next(8 * 60, 20 * 60));

            campaigns.Add(new Campaign
            {
                Id = $"cmp-{index:D4}",
                Name = $"{brand} {theme} {start.Year} - {channel}",
                Status = status,
                Channel = channel,
                Objective = objective,
                Budget = budget,
                Spend = spend,
                Currency = "USD",
                StartDate = start,
                EndDate = end,
                Impressions = impressions,
                Clicks = clicks,
                Conversions = conversions,
                Revenue = revenue,
                Tags = [region, theme.ToLowerInvariant().Replace(' ', '-'), random.Next(3) == 0 ? "retargeting" : "prospecting"],
                UpdatedAt = updatedAt,
            });
        }
#pragma warning restore CA5394

        return campaigns;
    }

    private static CampaignStatus StatusFor(Random random, DateOnly start, DateOnly end)
    {
#pragma warning disable CA5394
        if (end < ReferenceDate)
        {
            return random.Next(10) == 0 ? CampaignStatus.Paused : CampaignStatus.Completed;
        }

        if (start > ReferenceDate)
        {
            return random.Next(3) == 0 ? CampaignStatus.Draft : CampaignStatus.Scheduled;
        }

        return random.Next(5) == 0 ? CampaignStatus.Paused : CampaignStatus.Active;
#pragma warning restore CA5394
    }

#pragma warning disable CA5394
    private static decimal Between(Random random, decimal min, decimal max) => min + (max - min) * (decimal)random.NextDouble();

    private static double Between(Random random, double min, double max) => min + (max - min) * random.NextDouble();
#pragma warning restore CA5394
}
