namespace CampaignMcp.Campaigns;

/// <summary>
/// The wire names of statuses and channels, as the export formats write them and the tools, prompts and
/// importer accept them: the lower-case member names, in declaration order.
/// </summary>
public static class CampaignVocabulary
{
    public static readonly IReadOnlyDictionary<string, CampaignStatus> Statuses = Enum.GetValues<CampaignStatus>().ToDictionary(s => s.ToString().ToLowerInvariant());

    public static readonly IReadOnlyDictionary<string, CampaignChannel> Channels = Enum.GetValues<CampaignChannel>().ToDictionary(c => c.ToString().ToLowerInvariant());
}
