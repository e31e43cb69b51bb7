namespace CampaignMcp.SignIn;

/// <summary>One entry of <c>MCP_OIDC_ALLOWED</c>: what a signed-in user must have for it to admit them.</summary>
public sealed record SignInAllowRule(SignInAllowRuleKind Kind, string Value)
{
    public override string ToString() => Kind switch
    {
        SignInAllowRuleKind.Tenant => "tenant " + Value,
        SignInAllowRuleKind.EmailDomain => "e-mail domain @" + Value,
        SignInAllowRuleKind.Role => "role " + Value,
        _ => "group " + Value,
    };
}
