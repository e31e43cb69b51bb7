using System.Text.Json.Serialization;

namespace CampaignMcp.Http;

/// <summary>The original server's envelope for its REST endpoints: <c>{success, data}</c>; failures are <see cref="ApiFailure"/>.</summary>
public sealed record ApiSuccess<T>(T Data)
{
    [JsonPropertyOrder(-1)]
    public bool Success { get; } = true;
}
