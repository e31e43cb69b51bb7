namespace CampaignMcp.SignIn;

/// <summary>
/// A request sent to the provider, stored under its <c>state</c> until the provider returns (once): the PKCE verifier
/// and nonce that only this server knows, and the MCP authorization request to resume.
/// </summary>
/// <param name="Binding">The digest of the MCP authorization request, so the signed-in user serves only that request.</param>
/// <param name="ReturnPath">Where the browser goes back with the ticket: null for the authorization endpoint, else a page
/// of this server (the sessions page).</param>
public sealed record PendingProviderSignIn(
    Dictionary<string, string> Resume,
    string Binding,
    string ClientId,
    string CodeVerifier,
    string Nonce,
    string CallbackUri,
    DateTimeOffset ExpiresAt,
    string? ReturnPath = null);
