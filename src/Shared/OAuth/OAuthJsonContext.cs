using System.Text.Json.Serialization;

namespace CampaignMcp.OAuth;

/// <summary>Source-generated serialization of the OAuth surface (RFC 6749 §5 answers, RFC 8414 metadata), in snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(AuthorizationServerMetadata))]
public sealed partial class OAuthJsonContext : JsonSerializerContext;
