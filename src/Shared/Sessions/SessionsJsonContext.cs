using System.Text.Json.Serialization;
using CampaignMcp.Http;

namespace CampaignMcp.Sessions;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiSuccess<SessionList>))]
[JsonSerializable(typeof(ApiSuccess<SessionRevocation>))]
[JsonSerializable(typeof(SessionRevocation))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;
