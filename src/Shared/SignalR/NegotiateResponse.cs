using System.Text.Json.Serialization;

namespace CampaignMcp.SignalR;

/// <summary>What a SignalR client expects from negotiate to be redirected to the service.</summary>
public sealed record NegotiateResponse([property: JsonPropertyName("url")] string Url, [property: JsonPropertyName("accessToken")] string AccessToken);

/// <summary>SignalR's negotiate error shape: clients surface <c>error</c> as the failure message.</summary>
public sealed record NegotiateError([property: JsonPropertyName("error")] string Error);
