namespace CampaignMcp.OAuth.Clients;

/// <summary>A client registered by RFC 7591 Dynamic Client Registration, as stored.</summary>
/// <param name="ExpiresAt">Unusable from then on, and deletable by a purge.</param>
public sealed record ClientRegistration(string ClientId, ClientMetadata Metadata, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The client as the authorization endpoint sees it; nameless clients are shown by their first redirect's host (or scheme).</summary>
    public OAuthClient ToClient() => new(
        ClientId,
        Metadata.DisplayName(FallbackName(Metadata.RedirectUris[0])),
        Metadata.RedirectUris,
        OAuthClientSource.Registered,
        Metadata.ApplicationType,
        Metadata.ClientUri,
        Metadata.LogoUri);

    private static string FallbackName(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : redirectUri[..redirectUri.IndexOf(':', StringComparison.Ordinal)];
}
