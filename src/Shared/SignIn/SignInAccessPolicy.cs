using CampaignMcp.Tokens;

namespace CampaignMcp.SignIn;

/// <summary>Who may sign in (<c>MCP_OIDC_ALLOWED</c>) and which scopes their app roles grant (<c>MCP_OIDC_ROLE_SCOPES</c>).</summary>
public sealed class SignInAccessPolicy(IdentityProviderSettings settings)
{
    /// <summary>Null when the user is admitted; else what the refusal page tells them.</summary>
    public string? Refusal(SignedInUser user)
    {
        if (settings.Allowed.Count == 0 || settings.Allowed.Any(rule => Admits(rule, user)))
        {
            return null;
        }

        return $"You signed in as {user.Username ?? user.Name}, but this server admits only accounts of {Describe(settings.Allowed)}. Ask the server's operator for access.";
    }

    /// <summary>Every scope the user's roles grant; the default scopes when no role mapping is configured.</summary>
    public IReadOnlyList<string> Grantable(SignedInUser user)
    {
        if (settings.RoleScopes.Count == 0)
        {
            return Scopes.Default;
        }

        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in user.Roles)
        {
            if (settings.RoleScopes.TryGetValue(role, out var scopes))
            {
                granted.UnionWith(scopes);
            }
        }

        return Scopes.Known.Where(granted.Contains).ToArray();
    }

    private static bool Admits(SignInAllowRule rule, SignedInUser user) => rule.Kind switch
    {
        SignInAllowRuleKind.Tenant => string.Equals(user.TenantId, rule.Value, StringComparison.OrdinalIgnoreCase),
        SignInAllowRuleKind.EmailDomain => user.Username is { } username && username.LastIndexOf('@') is var at and > 0
            && string.Equals(username[(at + 1)..], rule.Value, StringComparison.OrdinalIgnoreCase),
        SignInAllowRuleKind.Role => user.Roles.Contains(rule.Value, StringComparer.Ordinal),
        _ => user.Groups.Contains(rule.Value, StringComparer.OrdinalIgnoreCase),
    };

    private static string Describe(IReadOnlyList<SignInAllowRule> rules) =>
        rules.Count == 1 ? "the " + rules[0] : "the " + string.Join(", ", rules.Take(rules.Count - 1)) + " or " + rules[^1];
}
