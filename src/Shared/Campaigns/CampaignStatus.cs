using System.Text.Json.Serialization;

namespace CampaignMcp.Campaigns;

/// <summary>Where a campaign is in its life; its wire name (JSON, CSV, tool arguments) is the lower-case member name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CampaignStatus>))]
public enum CampaignStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("completed")] Completed,
}
