using System.Text.Json.Serialization;

namespace CampaignMcp.OAuth.Clients;

/// <summary>Source-generated serialization of the registration endpoint's answers (RFC 7591 member names, snake_case, nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistrationError))]
[JsonSerializable(typeof(ClientRegistrationResponse))]
[JsonSerializable(typeof(ClientMetadata))]
public sealed partial class ClientsJsonContext : JsonSerializerContext;
