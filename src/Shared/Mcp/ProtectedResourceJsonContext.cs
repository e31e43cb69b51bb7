using System.Text.Json.Serialization;

namespace CampaignMcp.Mcp;

/// <summary>Source-generated serialization of the RFC 9728 metadata, whose member names are snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ProtectedResourceMetadata))]
internal sealed partial class ProtectedResourceJsonContext : JsonSerializerContext;
