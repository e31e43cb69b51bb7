namespace CampaignMcp.Tokens;

/// <summary>The outcome of a scope check: nothing missing, or what is missing and what was granted.</summary>
public readonly record struct ScopeDecision(ScopeSet Missing, ScopeSet Granted)
{
    public static readonly ScopeDecision Allowed = new(ScopeSet.None, ScopeSet.None);

    public bool IsAllowed => Missing == ScopeSet.None;

    public IReadOnlyList<string> MissingNames => Scopes.Names(Missing);

    public string Message => $"Insufficient scope: requires {string.Join(" ", MissingNames)}";
}
