namespace CampaignMcp.Tokens.Refresh;

/// <summary>How a presented refresh token relates to its family.</summary>
public enum RefreshTokenMatch
{
    /// <summary>It is the family's current token.</summary>
    Current,

    /// <summary>
    /// It is the token the current one replaced (<see cref="RefreshFamily.PreviousTokenHash"/>): a retry of the
    /// last exchange within the grace window, or reuse after it.
    /// </summary>
    Previous,

    /// <summary>It was issued in this family and exchanged before the previous one: reuse, which revokes the family.</summary>
    Superseded,

    /// <summary>The family exists but never issued this token (a guess or a corrupted value).</summary>
    Unknown,
}
