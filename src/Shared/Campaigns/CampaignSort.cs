namespace CampaignMcp.Campaigns;

public enum CampaignSort
{
    UpdatedAtDescending,
    StartDateDescending,
    StartDateAscending,
    SpendDescending,
    RoasDescending,
    NameAscending,
}
