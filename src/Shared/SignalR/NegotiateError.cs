using System.Text.Json.Serialization;

namespace CampaignMcp.SignalR;

/// <summary>SignalR's negotiate error shape: clients surface <c>error</c> as the failure message.</summary>
public sealed record NegotiateError([property: JsonPropertyName("error")] string Error);
