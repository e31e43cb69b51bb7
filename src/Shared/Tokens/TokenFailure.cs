namespace CampaignMcp.Tokens;

/// <summary>Why a bearer token was refused. The names are the stable codes surfaces report.</summary>
public enum TokenFailure
{
    None,
    Missing,
    Malformed,
    UnsupportedAlgorithm,

    /// <summary>A JWT, but not an access token: its <c>typ</c> is not <c>at+jwt</c> (RFC 9068 §4, RFC 8725 §3.11).</summary>
    WrongType,
    BadSignature,
    UnknownKey,
    Revoked,
    Expired,
    NotYetValid,
    WrongIssuer,
    WrongAudience,
    ClientNotAllowed,
    Unavailable,
}
