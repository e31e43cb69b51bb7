using System.Text.Json.Serialization;

namespace CampaignMcp.OAuth;

/// <summary>
/// RFC 8414 §2 Authorization Server Metadata, with the MCP authorization spec's additions: Client ID Metadata
/// Documents (<c>client_id_metadata_document_supported</c>) and RFC 9207's <c>authorization_response_iss_parameter_supported</c>.
/// </summary>
public sealed record AuthorizationServerMetadata(
    string Issuer,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string RegistrationEndpoint,
    string RevocationEndpoint,
    IReadOnlyList<string> ResponseTypesSupported,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> CodeChallengeMethodsSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> RevocationEndpointAuthMethodsSupported,
    IReadOnlyList<string> ScopesSupported,
    bool ClientIdMetadataDocumentSupported,
    [property: JsonPropertyName("authorization_response_iss_parameter_supported")] bool AuthorizationResponseIssParameterSupported);
