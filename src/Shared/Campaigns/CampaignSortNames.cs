namespace CampaignMcp.Campaigns;

public static class CampaignSortNames
{
    /// <summary>The names tools accept, in the order the schema lists them.</summary>
    public static readonly IReadOnlyDictionary<string, CampaignSort> ByName = new Dictionary<string, CampaignSort>(StringComparer.Ordinal)
    {
        ["updated_at_desc"] = CampaignSort.UpdatedAtDescending,
        ["start_date_desc"] = CampaignSort.StartDateDescending,
        ["start_date_asc"] = CampaignSort.StartDateAscending,
        ["spend_desc"] = CampaignSort.SpendDescending,
        ["roas_desc"] = CampaignSort.RoasDescending,
        ["name_asc"] = CampaignSort.NameAscending,
    };

    /// <summary>Orders campaigns; the id breaks ties so that pages never overlap or skip.</summary>
    public static IOrderedEnumerable<Campaign> Apply(IEnumerable<Campaign> campaigns, CampaignSort sort) => sort switch
    {
        CampaignSort.StartDateDescending => campaigns.OrderByDescending(c => c.StartDate).ThenBy(c => c.Id, StringComparer.Ordinal),
        CampaignSort.StartDateAscending => campaigns.OrderBy(c => c.StartDate).ThenBy(c => c.Id, StringComparer.Ordinal),
        CampaignSort.SpendDescending => campaigns.OrderByDescending(c => c.Spend).ThenBy(c => c.Id, StringComparer.Ordinal),
        CampaignSort.RoasDescending => campaigns.OrderByDescending(c => c.Spend == 0 ? -1 : c.Revenue / c.Spend).ThenBy(c => c.Id, StringComparer.Ordinal),
        CampaignSort.NameAscending => campaigns.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal),
        _ => campaigns.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id, StringComparer.Ordinal),
    };
}
