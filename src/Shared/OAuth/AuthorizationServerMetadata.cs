using CampaignMcp.Tokens.Api;

namespace CampaignMcp.OAuth;

/// <summary>
/// RFC 8414 §2 Authorization Server Metadata. No <c>authorization_endpoint</c>: no grant this server
/// supports uses one, which §2 allows; <c>response_types_supported</c> is therefore empty.
/// </summary>
public sealed record AuthorizationServerMetadata(
    string Issuer,
    string TokenEndpoint,
    string RevocationEndpoint,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> RevocationEndpointAuthMethodsSupported,
    IReadOnlyList<string> ScopesSupported,
    IReadOnlyList<string> ResponseTypesSupported);
