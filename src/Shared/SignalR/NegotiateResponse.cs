using System.Text.Json.Serialization;

namespace CampaignMcp.SignalR;

/// <summary>What a SignalR client expects from negotiate to be redirected to the service.</summary>
public sealed record NegotiateResponse([property: JsonPropertyName("url")] string Url, [property: JsonPropertyName("accessToken")] string AccessToken);
