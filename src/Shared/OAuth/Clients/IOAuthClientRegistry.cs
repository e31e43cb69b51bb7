namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Resolves a <c>client_id</c> presented to the authorization or token endpoint to a client with a name and
/// redirect URIs, both ways the MCP authorization spec offers: Client ID Metadata Documents and Dynamic Client
/// Registration (https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#client-registration-approaches).
/// </summary>
public interface IOAuthClientRegistry
{
    Task<OAuthClientLookup> FindAsync(string clientId, CancellationToken cancellationToken);
}
