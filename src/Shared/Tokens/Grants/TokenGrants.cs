using CampaignMcp.Storage;
using CampaignMcp.Tokens.Audit;
using CampaignMcp.Tokens.Refresh;
using CampaignMcp.Tokens.Revocation;

namespace CampaignMcp.Tokens.Grants;

/// <summary>
/// What the token endpoints grant, whatever their envelope: access tokens for an API key, refresh-token
/// rotation with reuse detection (OAuth 2.0 Security BCP §4.14.2), and revocation (RFC 7009).
/// Refresh tokens are in <see cref="RefreshTokenFormat"/>: the store never holds a usable one.
/// </summary>
public sealed class TokenGrants(
    TokenSettings settings,
    RefreshSettings refresh,
    TokenIssuer issuer,
    AccessTokenValidator validator,
    IRefreshTokenStore families,
    RefreshSuccessor successors,
    RevocationList revocations,
    AuthAudit audit,
    TimeProvider time)
{
    private const int RotateAttempts = 3;

    /// <summary>A new grant for a client that proved the API key; starts a refresh family when <paramref name="withRefreshToken"/>.</summary>
    /// <param name="oauthClientId">The OAuth client the refresh family is bound to, when it is not <paramref name="clientId"/>.</param>
    /// <param name="user">The signed-in user, when the grant comes from sign-in with the organization's provider.</param>
    public async Task<GrantResult> IssueAsync(string grant, string clientId, IReadOnlyList<string> scopes, bool withRefreshToken, CancellationToken cancellationToken, string? oauthClientId = null, TokenUser? user = null)
    {
        if (!withRefreshToken || !refresh.Enabled)
        {
            var plain = issuer.Issue(clientId, scopes, null, user, oauthClientId);
            audit.TokenIssued(grant, plain, clientId, user, oauthClientId);
            return new GrantResult(plain, null);
        }

        var familyId = RefreshTokenFormat.NewFamilyId();
        var secret = RefreshTokenFormat.NewSecret();
        var now = Now();
        await families.CreateAsync(new RefreshFamily
        {
            FamilyId = familyId,
            ClientId = clientId,
            OAuthClientId = oauthClientId,
            UserSubject = user?.Subject,
            UserName = user?.Name,
            Scope = string.Join(' ', scopes),
            CurrentTokenHash = RefreshTokenFormat.Hash(secret),
            Generation = 1,
            CreatedAt = now,
            ExpiresAt = now + refresh.Lifetime,
        }, cancellationToken).ConfigureAwait(false);

        var access = issuer.Issue(clientId, scopes, familyId, user, oauthClientId);
        audit.TokenIssued(grant, access, clientId, user, oauthClientId);
        return new GrantResult(access, RefreshTokenFormat.Compose(familyId, secret));
    }

    /// <summary>
    /// Exchanges a refresh token for a new access token and a new refresh token. <paramref name="requestedScopes"/>
    /// may only narrow; <paramref name="authenticatedClientId"/>, when the caller proved one, must own the family.
    /// The token a rotation replaced, presented again within <see cref="RefreshSettings.ReuseGrace"/> while its
    /// successor is still unused, gets that same successor (and a fresh access token): a retry after a lost or
    /// failed answer, or a concurrent duplicate on any instance, is idempotent instead of looking like theft.
    /// Outside the grace, or once the successor has itself been exchanged, it is reuse and revokes the family.
    /// </summary>
    public async Task<GrantResult> RefreshAsync(string presented, IReadOnlyList<string>? requestedScopes, string? authenticatedClientId, string surface, string remoteAddress, CancellationToken cancellationToken)
    {
        if (!refresh.Enabled)
        {
            return Refuse(RefreshFailure.Disabled, null, surface, remoteAddress);
        }

        if (!RefreshTokenFormat.TryParse(presented, out var familyId, out var secret))
        {
            return Refuse(RefreshFailure.Malformed, null, surface, remoteAddress);
        }

        var presentedHash = RefreshTokenFormat.Hash(secret);
        var lookup = await families.FindAsync(familyId, presentedHash, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            if (lookup is null || lookup.Match == RefreshTokenMatch.Unknown)
            {
                return Refuse(RefreshFailure.Unknown, lookup?.Family.ClientId, surface, remoteAddress);
            }

            var family = lookup.Family;
            if (family.IsRevoked)
            {
                return Refuse(RefreshFailure.Revoked, family.Owner, surface, remoteAddress, AuditedUser.Of(family.UserSubject, family.UserName));
            }

            var now = Now();
            var retried = lookup.Match == RefreshTokenMatch.Previous && refresh.ReuseGrace > TimeSpan.Zero && family.RotatedAt is { } rotatedAt && now - rotatedAt <= refresh.ReuseGrace
                ? successors.Current(family)
                : null;
            if (lookup.Match != RefreshTokenMatch.Current && retried is null)
            {
                return await RevokeForReuseAsync(family, surface, remoteAddress, cancellationToken).ConfigureAwait(false);
            }

            // On a retry the family already holds the successor: its scope and expiry are the ones to check.
            var granted = family.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var failure = now >= family.ExpiresAt ? RefreshFailure.Expired
                : !settings.AllowedClients.Contains(family.ClientId) ? RefreshFailure.ClientNotAllowed
                : !PresentedBy(family, authenticatedClientId) ? RefreshFailure.ClientMismatch
                : requestedScopes is not null && requestedScopes.Any(scope => !granted.Contains(scope, StringComparer.Ordinal)) ? RefreshFailure.ScopeNotGranted
                : RefreshFailure.None;
            if (failure != RefreshFailure.None)
            {
                return Refuse(failure, family.Owner, surface, remoteAddress, AuditedUser.Of(family.UserSubject, family.UserName));
            }

            var scopes = requestedScopes ?? granted;
            if (retried is not null)
            {
                audit.RefreshRetried(family, remoteAddress);
                return Grant(family, scopes, retried);
            }

            var nextSecret = successors.Next(family);
            var scope = string.Join(' ', scopes);
            var rotated = await families.TryRotateAsync(family, RefreshTokenFormat.Hash(nextSecret), scope, now + refresh.Lifetime, now, cancellationToken).ConfigureAwait(false);
            if (rotated is not null && rotated.Scope == scope)
            {
                return Grant(rotated, scopes, nextSecret);
            }

            // Another request rotated (or revoked) the family first, or a duplicate stored this rotation with
            // other scopes: look again. A duplicate now finds its token as the previous one and gets the same
            // successor, checked against the scopes stored with it; anything else is reuse.
            if (attempt >= RotateAttempts)
            {
                throw new StorageUnavailableException("The refresh family kept changing while it was being rotated");
            }

            lookup = await families.FindAsync(familyId, presentedHash, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An OAuth client's family must be refreshed by that client (its id is all a public client has to show); an
    /// API-key family by its own client when the caller names one.
    /// </summary>
    private static bool PresentedBy(RefreshFamily family, string? clientId) =>
        family.OAuthClientId is { } oauthClient
            ? string.Equals(clientId, oauthClient, StringComparison.Ordinal)
            : clientId is null || string.Equals(clientId, family.ClientId, StringComparison.OrdinalIgnoreCase);

    private GrantResult Grant(RefreshFamily family, IReadOnlyList<string> scopes, string refreshSecret)
    {
        var user = family.UserSubject is { } subject ? new TokenUser(subject, family.UserName ?? subject) : null;
        var access = issuer.Issue(family.ClientId, scopes, family.FamilyId, user, family.OAuthClientId);
        audit.TokenIssued("refresh_token", access, family.ClientId, user, family.OAuthClientId);
        return new GrantResult(access, RefreshTokenFormat.Compose(family.FamilyId, refreshSecret));
    }

    /// <summary>
    /// RFC 7009 revocation by possession: a refresh token revokes its family and the access tokens issued
    /// with it; an access token is refused until its <c>exp</c>. Unknown, invalid or expired tokens are
    /// ignored (§2.2: the answer is the same either way). Returns the client id the token belonged to, if any.
    /// </summary>
    public async Task<string?> RevokeAsync(string token, string remoteAddress, CancellationToken cancellationToken)
    {
        if (RefreshTokenFormat.HasPrefix(token))
        {
            if (!RefreshTokenFormat.TryParse(token, out var familyId, out var secret))
            {
                return null;
            }

            var lookup = await families.FindAsync(familyId, RefreshTokenFormat.Hash(secret), cancellationToken).ConfigureAwait(false);
            if (lookup is null || lookup.Match == RefreshTokenMatch.Unknown)
            {
                return null;
            }

            await RevokeFamilyAsync(lookup.Family, "revoked by request", cancellationToken).ConfigureAwait(false);
            audit.Revoked("refresh_token", familyId, lookup.Family.Owner, AuditedUser.Of(lookup.Family.UserSubject, lookup.Family.UserName), remoteAddress);
            return lookup.Family.ClientId;
        }

        var outcome = await validator.ValidateAsync(token).ConfigureAwait(false);
        if (!outcome.IsValid || outcome.Principal.TokenId is not { } tokenId)
        {
            return null;
        }

        await revocations.RevokeAsync(tokenId, outcome.Principal.ExpiresAt!.Value + AccessTokenValidator.ClockSkew, cancellationToken).ConfigureAwait(false);
        audit.Revoked("access_token", tokenId, outcome.Principal.ClientId, AuditedUser.Of(outcome.Principal), remoteAddress);
        return outcome.Principal.ClientId;
    }

    /// <summary>The client a refresh token or access token belongs to, without changing anything; null when unknown.</summary>
    public async Task<string?> OwnerAsync(string token, CancellationToken cancellationToken)
    {
        if (RefreshTokenFormat.TryParse(token, out var familyId, out var secret))
        {
            var lookup = await families.FindAsync(familyId, RefreshTokenFormat.Hash(secret), cancellationToken).ConfigureAwait(false);
            return lookup is null || lookup.Match == RefreshTokenMatch.Unknown ? null : lookup.Family.Owner;
        }

        var outcome = await validator.ValidateAsync(token).ConfigureAwait(false);
        return outcome.IsValid ? outcome.Principal.ClientId : null;
    }

    private async Task<GrantResult> RevokeForReuseAsync(RefreshFamily family, string surface, string remoteAddress, CancellationToken cancellationToken)
    {
        await RevokeFamilyAsync(family, "refresh token reused", cancellationToken).ConfigureAwait(false);
        audit.RefreshReuseDetected(family, remoteAddress);
        return Refuse(RefreshFailure.Reused, family.Owner, surface, remoteAddress, AuditedUser.Of(family.UserSubject, family.UserName));
    }

    private async Task RevokeFamilyAsync(RefreshFamily family, string reason, CancellationToken cancellationToken)
    {
        var now = Now();
        await families.RevokeAsync(family.FamilyId, reason, now, cancellationToken).ConfigureAwait(false);
        // Every access token of the family was issued at or before now, so none outlives this entry.
        await revocations.RevokeAsync(RevocationList.FamilyEntry(family.FamilyId), now + settings.TokenLifetime + AccessTokenValidator.ClockSkew, cancellationToken).ConfigureAwait(false);
    }

    private GrantResult Refuse(RefreshFailure failure, string? clientId, string surface, string remoteAddress, string user = AuditedUser.Unknown)
    {
        if (failure == RefreshFailure.ScopeNotGranted)
        {
            audit.AuthorizationDenied(surface, failure.Code(), clientId, remoteAddress, user);
        }
        else if (failure != RefreshFailure.Reused)
        {
            audit.AuthenticationFailed(surface, failure.Code(), clientId, remoteAddress, user);
        }

        return GrantResult.Refused(failure);
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Revokes a refresh family and its access tokens by id: an authorization code presented twice (RFC 6749 §4.1.2).</summary>
    public async Task RevokeFamilyByIdAsync(string familyId, string reason, CancellationToken cancellationToken)
    {
        var now = Now();
        await families.RevokeAsync(familyId, reason, now, cancellationToken).ConfigureAwait(false);
        await revocations.RevokeAsync(RevocationList.FamilyEntry(familyId), now + settings.TokenLifetime + AccessTokenValidator.ClockSkew, cancellationToken).ConfigureAwait(false);
    }
}
