namespace CampaignMcp.Tokens.Grants;

/// <summary>Why a refresh token was refused; all but the scope and disabled cases are RFC 6749 <c>invalid_grant</c>.</summary>
public enum RefreshFailure
{
    None,
    Disabled,
    Malformed,
    Unknown,
    Expired,
    Revoked,
    Reused,
    ClientNotAllowed,
    ClientMismatch,
    ScopeNotGranted,
}
