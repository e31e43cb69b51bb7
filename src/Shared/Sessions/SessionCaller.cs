namespace CampaignMcp.Sessions;

/// <summary>Who asks: the operator (the <c>API_KEY</c> holder: every session), or a signed-in user (their own only).</summary>
public sealed record SessionCaller(bool IsOperator, string? User, string Name)
{
    public static readonly SessionCaller Operator = new(true, null, "the operator");

    /// <summary>The caller's filter narrowed to what they may see or revoke; null when they asked for another user's.</summary>
    public SessionFilter? Narrow(SessionFilter filter) =>
        IsOperator ? filter
        : filter.User is not null && !string.Equals(filter.User, User, StringComparison.Ordinal) ? null
        : filter with { User = User };
}
