namespace CampaignMcp.SignIn;

/// <summary>How people may approve a sign-in on the sign-in page (<c>MCP_SIGNIN_METHODS</c>).</summary>
[Flags]
public enum SignInMethods
{
    None = 0,

    /// <summary>The organization's OpenID Connect provider.</summary>
    IdentityProvider = 1,

    /// <summary>The deployment's <c>API_KEY</c>, typed into the page.</summary>
    ApiKey = 2,
}
