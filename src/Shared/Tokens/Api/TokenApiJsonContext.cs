using System.Text.Json.Serialization;
using CampaignMcp.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>Source-generated serialization of the token endpoints' success envelopes, in the original's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiSuccess<TokenResponseData>))]
[JsonSerializable(typeof(ApiSuccess<RevokeResponseData>))]
internal sealed partial class TokenApiJsonContext : JsonSerializerContext;
