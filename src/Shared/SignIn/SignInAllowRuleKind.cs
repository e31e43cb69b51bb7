namespace CampaignMcp.SignIn;

public enum SignInAllowRuleKind
{
    /// <summary>The user's directory (Entra <c>tid</c>).</summary>
    Tenant,

    /// <summary>The domain of the user's e-mail or <c>preferred_username</c>.</summary>
    EmailDomain,

    /// <summary>An app role assigned to the user (<c>roles</c>).</summary>
    Role,

    /// <summary>A group the user is in (<c>groups</c>).</summary>
    Group,
}
