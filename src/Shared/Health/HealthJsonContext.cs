using System.Text.Json.Serialization;

namespace CampaignMcp.Health;

/// <summary>Source-generated serialization of the health report, in snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
