namespace CampaignMcp.Auth;

/// <summary>Who is calling, established once per invocation from a validated token (or granted everything with auth off).</summary>
public sealed record McpPrincipal(string ClientId, ScopeSet Scopes, string? TokenId, DateTimeOffset? ExpiresAt)
{
    /// <summary>The caller when authorization is switched off: every scope, no token.</summary>
    public static readonly McpPrincipal Anonymous = new("anonymous", ScopeSet.All, null, null);

    public bool Has(ScopeSet scope) => (Scopes & scope) == scope;
}
