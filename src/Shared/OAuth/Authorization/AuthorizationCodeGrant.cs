using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Refresh;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// <c>grant_type=authorization_code</c> (RFC 6749 §4.1.3) for public clients: the code is redeemed once, by the
/// client it was issued to, with the same redirect URI, the PKCE verifier of its challenge (RFC 7636 §4.6) and,
/// when sent, the same resource. A second presentation revokes what the first one issued (§4.1.2).
/// </summary>
public sealed class AuthorizationCodeGrant(IAuthorizationCodeStore codes, TokenGrants grants, TokenSettings settings, TimeProvider time, ILogger<AuthorizationCodeGrant> logger)
{
    public const string GrantType = "authorization_code";

    /// <summary>The tokens, or the §5.2 error <c>(code, description)</c>.</summary>
    public async Task<(GrantResult? Grant, string? Error, string? Description)> RedeemAsync(IReadOnlyDictionary<string, string> form, string? clientId, CancellationToken cancellationToken)
    {
        string? Get(string name) => form.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        if (Get("code") is not { } code || Get("redirect_uri") is not { } redirectUri || Get("code_verifier") is not { } verifier || clientId is null)
        {
            return (null, AuthorizationErrorCodes.InvalidRequest, "code, redirect_uri, client_id and code_verifier are required for the authorization_code grant");
        }

        if (!Pkce.IsVerifier(verifier))
        {
            return (null, AuthorizationErrorCodes.InvalidRequest, "code_verifier must be 43 to 128 characters of letters, digits and - . _ ~");
        }

        var hash = AuthorizationCodes.Hash(code);
        var redemption = await codes.RedeemAsync(hash, cancellationToken).ConfigureAwait(false);
        if (redemption is null)
        {
            return Invalid("The authorization code is not valid");
        }

        var stored = redemption.Code;
        if (redemption.AlreadyRedeemed)
        {
            if (redemption.IssuedFamilyId is { } familyId)
            {
                await grants.RevokeFamilyByIdAsync(familyId, "authorization code reused", cancellationToken).ConfigureAwait(false);
                AuthorizationLog.CodeReplayed(logger, familyId, stored.ClientId, AuditedUser.Of(stored.User?.Subject, stored.User?.Name));
            }

            return Invalid("The authorization code was already used; the tokens issued for it are revoked");
        }

        if (time.GetUtcNow() >= stored.ExpiresAt)
        {
            return Invalid("The authorization code has expired");
        }

        if (!string.Equals(stored.ClientId, clientId, StringComparison.Ordinal) || !string.Equals(stored.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            return Invalid("The authorization code was issued to another client or redirect_uri");
        }

        if (!Pkce.Verifies(verifier, stored.CodeChallenge))
        {
            return Invalid("The code_verifier does not match the code_challenge");
        }

        if (Get("resource") is { } resource && !AuthorizationRequest.ResourceMatches(resource, stored.Resource))
        {
            return (null, AuthorizationErrorCodes.InvalidTarget, $"resource must be {settings.Audience}");
        }

        var grant = await grants.IssueAsync(GrantType, stored.AllowedClient, stored.Scopes, withRefreshToken: true, cancellationToken,
            oauthClientId: string.Equals(stored.ClientId, stored.AllowedClient, StringComparison.Ordinal) ? null : stored.ClientId, user: stored.User).ConfigureAwait(false);
        if (grant.RefreshToken is { } refreshToken && RefreshTokenFormat.FamilyIdOf(refreshToken) is { } family)
        {
            await codes.RecordIssuedAsync(hash, family, cancellationToken).ConfigureAwait(false);
        }

        return (grant, null, null);
    }

    private static (GrantResult?, string?, string?) Invalid(string description) => (null, AuthorizationErrorCodes.InvalidGrant, description);
}
