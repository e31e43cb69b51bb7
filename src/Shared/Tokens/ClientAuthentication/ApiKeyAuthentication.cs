using CampaignMcp.Tokens.ApiKeys;

namespace CampaignMcp.Tokens.ClientAuthentication;

/// <summary>What <see cref="ApiKeyAuthenticator"/> decided; each surface maps it to its own envelope.</summary>
public sealed record ApiKeyAuthentication(ApiKeyAuthenticationResult Result, Lockout? Lockout = null)
{
    public static readonly ApiKeyAuthentication Accepted = new(ApiKeyAuthenticationResult.Accepted);
    public static readonly ApiKeyAuthentication Missing = new(ApiKeyAuthenticationResult.Missing);
    public static readonly ApiKeyAuthentication Invalid = new(ApiKeyAuthenticationResult.Invalid);

    public bool Succeeded => Result == ApiKeyAuthenticationResult.Accepted;

    public static ApiKeyAuthentication LockedOut(Lockout lockout) => new(ApiKeyAuthenticationResult.LockedOut, lockout);
}
