using System.Text.Json.Serialization;

namespace CampaignMcp.Campaigns;

/// <summary>Where a campaign runs; its wire name is the lower-case member name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CampaignChannel>))]
public enum CampaignChannel
{
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("search")] Search,
    [JsonStringEnumMemberName("social")] Social,
    [JsonStringEnumMemberName("display")] Display,
    [JsonStringEnumMemberName("video")] Video,
}
