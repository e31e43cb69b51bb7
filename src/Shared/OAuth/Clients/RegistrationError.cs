using System.Text.Json.Serialization;

namespace CampaignMcp.OAuth.Clients;

/// <summary>RFC 7591 §3.2.2 error response.</summary>
public sealed record RegistrationError(string Error, [property: JsonPropertyName("error_description")] string ErrorDescription);
