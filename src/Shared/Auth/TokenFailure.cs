namespace CampaignMcp.Auth;

/// <summary>Why a bearer token was refused. The names are the stable codes surfaces report.</summary>
public enum TokenFailure
{
    None,
    Missing,
    Malformed,
    UnsupportedAlgorithm,
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
