namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// RFC 7591 §3.2.1 client information response: the client id, when it was issued, and the metadata as accepted
/// (defaults filled in). No secret: public clients only.
/// </summary>
public sealed record ClientRegistrationResponse(
    string ClientId,
    long ClientIdIssuedAt,
    string? ClientName,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> ResponseTypes,
    string TokenEndpointAuthMethod,
    string? ApplicationType,
    string? ClientUri,
    string? LogoUri)
{
    public static ClientRegistrationResponse From(ClientRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var metadata = registration.Metadata;
        return new(
            registration.ClientId,
            registration.IssuedAt.ToUnixTimeSeconds(),
            metadata.ClientName,
            metadata.RedirectUris,
            metadata.GrantTypes,
            metadata.ResponseTypes,
            ClientMetadata.TokenEndpointAuthMethod,
            metadata.ApplicationType,
            metadata.ClientUri?.OriginalString,
            metadata.LogoUri?.OriginalString);
    }
}
