using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tokens.Audit;

/// <summary>
/// Every authentication and authorization event goes through here, so that each one is both a structured
/// log event (<see cref="AuthLog"/>, ids 1000-1099) and a counter (<see cref="AuthMetrics"/>). Callers pass
/// reasons and ids, never a token, key or secret; client ids the caller chose pass through <see cref="AuditedClientId"/>.
/// </summary>
public sealed class AuthAudit(AuthMetrics metrics, AuditedClientId clientIds, ILogger<AuthAudit> logger)
{
    /// <param name="user">Whose credential it was (<see cref="AuditedUser"/>), when a genuine one was refused (expired,
    /// revoked, client no longer allowed); else unknown.</param>
    public void AuthenticationFailed(string surface, string reason, string? clientId, string remoteAddress, string user = AuditedUser.Unknown)
    {
        AuthLog.AuthenticationFailed(logger, surface, reason, user, clientIds.Of(clientId), remoteAddress);
        metrics.Failure(surface, "authentication", reason);
    }

    /// <param name="user">Who was denied (<see cref="AuditedUser"/>); unknown when no token established it.</param>
    public void AuthorizationDenied(string surface, string reason, string? clientId, string remoteAddress, string user = AuditedUser.Unknown)
    {
        AuthLog.AuthorizationDenied(logger, surface, reason, user, clientIds.Of(clientId), remoteAddress);
        metrics.Failure(surface, "authorization", reason);
    }

    public void Misconfigured(string surface, string problems)
    {
        AuthLog.RefusedMisconfigured(logger, surface, problems);
        metrics.Failure(surface, "configuration", "misconfigured");
    }

    public void TokenIssued(string grant, IssuedToken token, string clientId, TokenUser? user = null, string? oauthClientId = null)
    {
        if (user is null)
        {
            // Every grant without a signed-in user was paid for with API_KEY (client_credentials takes it as the secret).
            AuthLog.TokenIssued(logger, grant, token.TokenId, oauthClientId ?? clientId, AuditedUser.ApiKeyHolder, string.Join(' ', token.Scopes), token.ExpiresInSeconds);
        }
        else
        {
            AuthLog.TokenIssuedToUser(logger, grant, token.TokenId, user.Name, user.Subject, oauthClientId ?? clientId, clientId, string.Join(' ', token.Scopes), token.ExpiresInSeconds);
        }

        metrics.Issued(grant);
    }

    public void LockedOut(string surface, string limitedBy, string? clientId, string remoteAddress, TimeSpan retryAfter)
    {
        AuthLog.LockedOut(logger, surface, limitedBy, clientIds.Of(clientId), remoteAddress, (long)Math.Ceiling(retryAfter.TotalSeconds));
        metrics.Lockout(surface, limitedBy);
    }

    public void RefreshReuseDetected(Refresh.RefreshFamily family, string remoteAddress)
    {
        AuthLog.RefreshReuseDetected(logger, family.FamilyId, family.Owner, AuditedUser.Of(family.UserSubject, family.UserName), remoteAddress);
        metrics.ReuseDetected();
        metrics.Revoked("refresh_token", "reuse");
    }

    /// <summary>A rotated refresh token presented again within the grace window: it got its successor again.</summary>
    public void RefreshRetried(Refresh.RefreshFamily family, string remoteAddress) =>
        AuthLog.RefreshRetried(logger, family.FamilyId, family.Owner, AuditedUser.Of(family.UserSubject, family.UserName), remoteAddress);

    public void Revoked(string tokenType, string id, string clientId, string user, string remoteAddress)
    {
        AuthLog.Revoked(logger, tokenType, id, clientId, user, remoteAddress);
        metrics.Revoked(tokenType, "request");
    }
}
