using System.Text.Json.Serialization;

namespace CampaignMcp.Http;

/// <summary>The original server's failure envelope: <c>{success:false, error:{code, message}}</c>.</summary>
public sealed record ApiFailure(ApiError Error)
{
    [JsonPropertyOrder(-1)]
    public bool Success { get; }
}
