using System.Text.Json.Serialization;

namespace CampaignMcp.SignalR;

/// <summary>Source-generated serialization of the negotiate answers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NegotiateResponse))]
[JsonSerializable(typeof(NegotiateError))]
internal sealed partial class SignalRJsonContext : JsonSerializerContext;
