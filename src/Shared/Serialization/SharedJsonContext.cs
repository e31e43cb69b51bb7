using System.Text.Json.Serialization;
using CampaignMcp.Health;
using CampaignMcp.Http;
using CampaignMcp.Mcp;
using CampaignMcp.SignalR;
using CampaignMcp.Tokens;

namespace CampaignMcp.Serialization;

/// <summary>Source-generated serialization of the REST surfaces, in the original's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiFailure))]
[JsonSerializable(typeof(ApiSuccess<TokenResponseData>))]
[JsonSerializable(typeof(ApiSuccess<RevokeResponseData>))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(ProtectedResourceMetadata))]
[JsonSerializable(typeof(NegotiateResponse))]
[JsonSerializable(typeof(NegotiateError))]
public sealed partial class SharedJsonContext : JsonSerializerContext;
