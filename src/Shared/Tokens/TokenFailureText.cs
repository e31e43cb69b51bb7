namespace CampaignMcp.Tokens;

/// <summary>Stable codes and sentences for each <see cref="TokenFailure"/>.</summary>
public static class TokenFailureText
{
    /// <summary>A sentence for <c>error_description</c>: says what is wrong, never echoes the token.</summary>
    public static string Describe(this TokenFailure failure) => failure switch
    {
        TokenFailure.Missing => "No bearer token was presented",
        TokenFailure.Malformed => "The token is not a well-formed JWT",
        TokenFailure.UnsupportedAlgorithm => "The token is not signed with HS256",
        TokenFailure.WrongType => "The token is not an access token (typ must be at+jwt)",
        TokenFailure.BadSignature => "The token signature is invalid",
        TokenFailure.UnknownKey => "The token names a signing key this server does not accept (kid unknown or retired)",
        TokenFailure.Revoked => "The token has been revoked",
        TokenFailure.Expired => "The token has expired",
        TokenFailure.NotYetValid => "The token is not valid yet",
        TokenFailure.WrongIssuer => "The token was issued by another issuer",
        TokenFailure.WrongAudience => "The token is meant for another audience",
        TokenFailure.ClientNotAllowed => "The token's client is no longer allowed",
        TokenFailure.Unavailable => "Token validation is unavailable: the server is misconfigured",
        _ => "The token is valid",
    };

    /// <summary>snake_case code for logs and JSON-RPC error data.</summary>
    public static string Code(this TokenFailure failure) => failure switch
    {
        TokenFailure.Missing => "missing",
        TokenFailure.Malformed => "malformed",
        TokenFailure.UnsupportedAlgorithm => "unsupported_algorithm",
        TokenFailure.WrongType => "wrong_type",
        TokenFailure.BadSignature => "bad_signature",
        TokenFailure.UnknownKey => "unknown_key",
        TokenFailure.Revoked => "revoked",
        TokenFailure.Expired => "expired",
        TokenFailure.NotYetValid => "not_yet_valid",
        TokenFailure.WrongIssuer => "wrong_issuer",
        TokenFailure.WrongAudience => "wrong_audience",
        TokenFailure.ClientNotAllowed => "client_not_allowed",
        TokenFailure.Unavailable => "unavailable",
        _ => "none",
    };
}
