using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Refresh;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Sessions;

/// <summary>
/// Sessions as an operator sees them, from the shared refresh-family store (so the same on every instance), and
/// their revocation: the family is revoked and its access tokens join the revocation list, which every instance
/// reads within the list's refresh delay.
/// </summary>
public sealed class SessionDirectory(IRefreshFamilyDirectory families, TokenGrants grants, TimeProvider time, ILogger<SessionDirectory> logger)
{
    public async Task<IReadOnlyList<Session>> ListAsync(SessionFilter filter, CancellationToken cancellationToken)
    {
        var active = await families.ListActiveAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return active.Select(ToSession).Where(filter.Matches).OrderByDescending(session => session.LastUsedAt).ToArray();
    }

    /// <summary>Revokes every session the filter matches; <paramref name="by"/> names who asked, for the log.</summary>
    public async Task<int> RevokeAsync(SessionFilter filter, string by, string remoteAddress, CancellationToken cancellationToken)
    {
        var sessions = await ListAsync(filter, cancellationToken).ConfigureAwait(false);
        foreach (var session in sessions)
        {
            await grants.RevokeFamilyByIdAsync(session.SessionId, "revoked by " + by, cancellationToken).ConfigureAwait(false);
            SessionLog.Revoked(logger, session.SessionId, session.UserName ?? "-", session.User ?? "-", session.ClientId, by, remoteAddress);
        }

        return sessions.Count;
    }

    private static Session ToSession(RefreshFamily family) => new(
        family.FamilyId,
        family.UserSubject,
        family.UserName,
        family.Owner,
        family.ClientId,
        family.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        family.CreatedAt,
        family.RotatedAt ?? family.CreatedAt,
        family.ExpiresAt);
}
