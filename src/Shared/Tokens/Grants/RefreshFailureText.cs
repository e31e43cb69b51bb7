namespace CampaignMcp.Tokens.Grants;

public static class RefreshFailureText
{
    /// <summary>A sentence for the caller; never echoes the token.</summary>
    public static string Describe(this RefreshFailure failure) => failure switch
    {
        RefreshFailure.Disabled => "Refresh tokens are turned off on this server",
        RefreshFailure.Malformed => "The refresh token is not one this server issues",
        RefreshFailure.Unknown => "The refresh token is not recognised",
        RefreshFailure.Expired => "The refresh token has expired; request a new token with the API key",
        RefreshFailure.Revoked => "The refresh token has been revoked; request a new token with the API key",
        RefreshFailure.Reused => "The refresh token was already used; every token of its family is now revoked",
        RefreshFailure.ClientNotAllowed => "The refresh token's client is no longer allowed",
        RefreshFailure.ClientMismatch => "The refresh token was issued to another client",
        RefreshFailure.ScopeNotGranted => "A refresh can only keep or narrow the scopes granted before",
        _ => "The refresh token is valid",
    };

    /// <summary>snake_case code for logs and metrics.</summary>
    public static string Code(this RefreshFailure failure) => failure switch
    {
        RefreshFailure.Disabled => "refresh_disabled",
        RefreshFailure.Malformed => "refresh_malformed",
        RefreshFailure.Unknown => "refresh_unknown",
        RefreshFailure.Expired => "refresh_expired",
        RefreshFailure.Revoked => "refresh_revoked",
        RefreshFailure.Reused => "refresh_reused",
        RefreshFailure.ClientNotAllowed => "client_not_allowed",
        RefreshFailure.ClientMismatch => "refresh_client_mismatch",
        RefreshFailure.ScopeNotGranted => "scope_escalation",
        _ => "none",
    };
}
