namespace CampaignMcp.SignIn;

/// <summary>Scopes that sign-in grants beside the MCP scopes.</summary>
public static class SignInScopes
{
    /// <summary>Lets a signed-in user list and revoke every session, as the <c>API_KEY</c> holder can.</summary>
    public const string SessionsAdmin = "sessions:admin";
}
