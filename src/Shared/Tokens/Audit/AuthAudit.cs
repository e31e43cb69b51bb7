using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tokens.Audit;

/// <summary>
/// Every authentication and authorization event goes through here, so that each one is both a structured
/// log event (<see cref="AuthLog"/>, ids 1000-1099) and a counter (<see cref="AuthMetrics"/>). Callers pass
/// reasons and ids, never a token, key or secret; client ids the caller chose pass through <see cref="AuditedClientId"/>.
/// </summary>
public sealed class AuthAudit(AuthMetrics metrics, AuditedClientId clientIds, ILogger<AuthAudit> logger)
{
    public void AuthenticationFailed(string surface, string reason, string? clientId, string remoteAddress)
    {
        AuthLog.AuthenticationFailed(logger, surface, reason, clientIds.Of(clientId), remoteAddress);
        metrics.Failure(surface, "authentication", reason);
    }

    public void AuthorizationDenied(string surface, string reason, string? clientId, string remoteAddress)
    {
        AuthLog.AuthorizationDenied(logger, surface, reason, clientIds.Of(clientId), remoteAddress);
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
            AuthLog.TokenIssued(logger, grant, token.TokenId, clientId, string.Join(' ', token.Scopes), token.ExpiresInSeconds);
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

    public void RefreshReuseDetected(string familyId, string clientId, string remoteAddress)
    {
        AuthLog.RefreshReuseDetected(logger, familyId, clientId, remoteAddress);
        metrics.ReuseDetected();
        metrics.Revoked("refresh_token", "reuse");
    }

    /// <summary>A rotated refresh token presented again within the grace window: it got its successor again.</summary>
    public void RefreshRetried(string familyId, string clientId, string remoteAddress) =>
        AuthLog.RefreshRetried(logger, familyId, clientId, remoteAddress);

    public void Revoked(string tokenType, string id, string clientId, string remoteAddress)
    {
        AuthLog.Revoked(logger, tokenType, id, clientId, remoteAddress);
        metrics.Revoked(tokenType, "request");
    }
}
