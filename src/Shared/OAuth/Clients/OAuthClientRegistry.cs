namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Resolves a <c>client_id</c> presented to the authorization or token endpoint to a client with a name and
/// redirect URIs, both ways the MCP authorization spec offers
/// (https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#client-registration-approaches):
/// an https URL client id is a Client ID Metadata Document, fetched; any other is looked up among the Dynamic
/// Client Registrations.
/// </summary>
public sealed class OAuthClientRegistry(ClientMetadataDocumentFetcher documents, IClientRegistrationStore registrations, TimeProvider time)
{
    public async Task<OAuthClientLookup> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return new OAuthClientLookup.Unknown("The application did not say which client it is (client_id is missing).");
        }

        if (ClientMetadataDocumentUrl.LooksLikeUrl(clientId))
        {
            return ClientMetadataDocumentUrl.Problem(clientId, out var url) is { } problem
                ? new OAuthClientLookup.Refused(problem)
                : await documents.FindAsync(clientId, url!, cancellationToken).ConfigureAwait(false);
        }

        if (!ClientRegistrationIds.IsWellFormed(clientId))
        {
            return new OAuthClientLookup.Unknown("This application is not known to this server: its client id is neither a registered client nor a Client ID Metadata Document URL.");
        }

        return await registrations.FindAsync(clientId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } registration
            ? new OAuthClientLookup.Found(registration.ToClient())
            : new OAuthClientLookup.Unknown("This application's registration is not known to this server or has expired; let the application register again.");
    }
}
