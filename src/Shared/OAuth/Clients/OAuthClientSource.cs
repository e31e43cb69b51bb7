namespace CampaignMcp.OAuth.Clients;

/// <summary>Where a client's name and redirect URIs came from.</summary>
public enum OAuthClientSource
{
    /// <summary>Dynamic Client Registration (RFC 7591) at this server's registration endpoint.</summary>
    Registered,

    /// <summary>A Client ID Metadata Document fetched from the https URL that is the client id.</summary>
    MetadataDocument,
}
