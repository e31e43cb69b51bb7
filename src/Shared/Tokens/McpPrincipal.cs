namespace CampaignMcp.Tokens;

/// <summary>
/// Who is calling, established once per invocation from a validated token (or granted everything with auth off).
/// <paramref name="GrantId"/> is the refresh-token family the token came with (<c>sid</c>), so that revoking the
/// family also revokes the access tokens issued with it (RFC 7009 §2.1). A token of a signed-in user also names
/// <paramref name="User"/> (its <c>sub</c>) and <paramref name="UserName"/>, and <paramref name="ClientId"/> is then the
/// OAuth client itself while <paramref name="ClientEntry"/> is the allowed-client entry that admitted it.
/// </summary>
public sealed record McpPrincipal(string ClientId, ScopeSet Scopes, string? TokenId, DateTimeOffset? ExpiresAt, string? GrantId = null, string? User = null, string? UserName = null, string? ClientEntry = null)
{
    /// <summary>Who is calling, for audit lines: the client and the user (<see cref="AuditedUser"/>).</summary>
    public string Audit => $"{ClientId} for {AuditedUser.Of(this)}";

    /// <summary>The <c>MCP_ALLOWED_CLIENTS</c> entry the token's client was admitted by.</summary>
    public string AllowedClient => ClientEntry ?? ClientId;

    /// <summary>The caller when authorization is switched off: every scope, no token.</summary>
    public static readonly McpPrincipal Anonymous = new("anonymous", ScopeSet.All, null, null);

    public bool Has(ScopeSet scope) => (Scopes & scope) == scope;
}
