namespace CampaignMcp.SignIn;

/// <summary>An ID token's check: the user, or why it was refused (for the log; never the token).</summary>
public sealed record IdTokenValidation(SignedInUser? User, string? Failure)
{
    public bool IsValid => User is not null;

    public static IdTokenValidation Refused(string failure) => new(null, failure);
}
