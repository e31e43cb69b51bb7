namespace CampaignMcp.Sessions;

/// <summary>Which sessions: one (<see cref="SessionId"/>), every one of a user, or every one of an app; all null is all.</summary>
public sealed record SessionFilter(string? SessionId = null, string? User = null, string? ClientId = null)
{
    public bool IsEmpty => SessionId is null && User is null && ClientId is null;

    public bool Matches(Session session) =>
        (SessionId is null || string.Equals(session.SessionId, SessionId, StringComparison.Ordinal))
        && (User is null || string.Equals(session.User, User, StringComparison.Ordinal))
        && (ClientId is null || string.Equals(session.ClientId, ClientId, StringComparison.Ordinal));
}
