namespace CampaignMcp.Tokens;

/// <summary>
/// Who is calling, established once per invocation from a validated token (or granted everything with auth off).
/// <paramref name="GrantId"/> is the refresh-token family the token came with (<c>sid</c>), so that revoking the
/// family also revokes the access tokens issued with it (RFC 7009 §2.1).
/// </summary>
public sealed record McpPrincipal(string ClientId, ScopeSet Scopes, string? TokenId, DateTimeOffset? ExpiresAt, string? GrantId = null)
{
    /// <summary>The caller when authorization is switched off: every scope, no token.</summary>
    public static readonly McpPrincipal Anonymous = new("anonymous", ScopeSet.All, null, null);

    public bool Has(ScopeSet scope) => (Scopes & scope) == scope;
}
