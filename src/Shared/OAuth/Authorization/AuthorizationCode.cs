namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// What an authorization code stands for (RFC 6749 §4.1.2): bound to the client, the redirect URI, the PKCE
/// challenge (RFC 7636 §4.4), the resource (RFC 8707) and the scopes. Stored under the SHA-256 of the code, never
/// the code itself.
/// </summary>
/// <param name="ClientId">The OAuth client id as presented (<c>dcr_…</c> or a metadata-document URL).</param>
/// <param name="AllowedClient">The <c>MCP_ALLOWED_CLIENTS</c> entry it was admitted by: the tokens' <c>client_id</c>.</param>
/// <param name="User">The user signed in through the organization's provider; null for an API-key approval.</param>
public sealed record AuthorizationCode(
    string ClientId,
    string AllowedClient,
    string RedirectUri,
    string CodeChallenge,
    string Resource,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ExpiresAt,
    Tokens.TokenUser? User = null);
