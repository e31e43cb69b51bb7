namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// What <see cref="OAuthClientRegistry.FindAsync"/> found. Messages are plain English for a sign-in page and
/// never echo a secret; they are shown on the page, never sent to an unverified redirect URI (RFC 6749 §4.1.2.1).
/// </summary>
public abstract record OAuthClientLookup
{
    private OAuthClientLookup()
    {
    }

    /// <summary>A client this server knows, with its redirect URIs.</summary>
    public sealed record Found(OAuthClient Client) : OAuthClientLookup;

    /// <summary>No such client: never registered, registration expired, or not a form of client id this server resolves.</summary>
    public sealed record Unknown(string Message) : OAuthClientLookup;

    /// <summary>The client id names a metadata document that could not be used (unreachable, invalid, private address…).</summary>
    public sealed record Refused(string Message) : OAuthClientLookup;
}
