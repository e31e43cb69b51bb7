namespace CampaignMcp.Tokens;

/// <summary>Answers "does this principal hold these scopes", naming what is missing when not.</summary>
public static class ScopePolicy
{
    public static ScopeDecision Require(McpPrincipal principal, ScopeSet required)
    {
        var missing = required & ~principal.Scopes;
        return missing == ScopeSet.None ? ScopeDecision.Allowed : new ScopeDecision(missing, principal.Scopes);
    }
}
