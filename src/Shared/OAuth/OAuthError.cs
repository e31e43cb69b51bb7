using System.Text.Json.Serialization;

namespace CampaignMcp.OAuth;

/// <summary>RFC 6749 §5.2 error response.</summary>
public sealed record OAuthError(string Error, [property: JsonPropertyName("error_description")] string ErrorDescription);
