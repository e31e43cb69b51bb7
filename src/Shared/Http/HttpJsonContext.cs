using System.Text.Json.Serialization;

namespace CampaignMcp.Http;

/// <summary>Source-generated serialization of the REST failure envelope, in the original's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiFailure))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
