using System.Text.Json.Serialization;
using CampaignMcp.Campaigns;
using CampaignMcp.Serialization;

namespace CampaignMcp.Mcp.Tools;

/// <summary>Source-generated serialization of tool and resource payloads, in snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never, Converters = [typeof(ShortestDecimalConverter)])]
[JsonSerializable(typeof(Campaign))]
[JsonSerializable(typeof(IReadOnlyList<Campaign>))]
[JsonSerializable(typeof(CampaignListOutput))]
[JsonSerializable(typeof(CampaignDetailOutput))]
[JsonSerializable(typeof(PerformanceOutput))]
public sealed partial class McpToolJsonContext : JsonSerializerContext;
