namespace CampaignMcp.Sessions;

/// <summary>
/// Who asks: the operator (the <c>API_KEY</c> holder) or an administrator (a user granted <c>sessions:admin</c>), who
/// see every session; or a signed-in user, who sees their own only.
/// </summary>
public sealed record SessionCaller(bool IsOperator, string? User, string? UserName)
{
    public static readonly SessionCaller Operator = new(true, null, null);

    /// <summary>A user whose app role grants <c>sessions:admin</c>.</summary>
    public static SessionCaller Administrator(string user, string userName) => new(true, user, userName);

    /// <summary>A signed-in user without that role.</summary>
    public static SessionCaller SignedIn(string user, string userName) => new(false, user, userName);

    /// <summary>What audit lines say: the operator, or the user with their stable id and whether they administer.</summary>
    public string Name => User is null ? "the operator" : $"{(IsOperator ? "administrator" : "user")} {UserName ?? User} ({User})";

    /// <summary>The caller's filter narrowed to what they may see or revoke; null when they asked for another user's.</summary>
    public SessionFilter? Narrow(SessionFilter filter) =>
        IsOperator ? filter
        : filter.User is not null && !string.Equals(filter.User, User, StringComparison.Ordinal) ? null
        : filter with { User = User };
}
