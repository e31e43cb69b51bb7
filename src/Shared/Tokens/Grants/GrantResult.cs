
namespace CampaignMcp.Tokens.Grants;

/// <summary>An access token, and the refresh token that came with it when refresh tokens are on.</summary>
public sealed record GrantResult(IssuedToken AccessToken, string? RefreshToken)
{
    public RefreshFailure Failure { get; init; }

    public bool Succeeded => Failure == RefreshFailure.None;

    public static GrantResult Refused(RefreshFailure failure) => new(null!, null) { Failure = failure };
}
