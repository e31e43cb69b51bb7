using System.Text.Json.Serialization;

namespace CampaignMcp.Tables;

/// <summary>JSON inside table properties (a campaign's tags).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
