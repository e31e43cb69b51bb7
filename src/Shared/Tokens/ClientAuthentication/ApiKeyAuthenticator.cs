using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Audit;

namespace CampaignMcp.Tokens.ClientAuthentication;

/// <summary>
/// The one check-compare-record sequence for the deployment's API key, used by the JSON token endpoint, the
/// OAuth token and revocation endpoints and the OAuth sign-in page, so that all four count against the same
/// failed-attempt limit and write the same audit events.
/// <para>
/// The right key is always accepted. The limit refuses wrong keys (429) once the caller's address or the client id
/// it names reached <see cref="LockoutSettings.MaxFailures"/>, and every wrong key is counted against both,
/// including those already refused. Refusing the right key as well would let anyone who shares the owner's
/// address (a NAT, a corporate proxy, or every caller when the platform's proxy hides the address) lock the owner
/// out by sending wrong keys. What stops guessing is the key's size: a 128-bit key (what the generator makes)
/// cannot be found at any request rate; the limit bounds the work and the noise of trying.
/// </para>
/// </summary>
public sealed class ApiKeyAuthenticator(ApiKeyVerifier verifier, ApiKeyAttemptLimiter limiter, AuthAudit audit)
{
    public async Task<ApiKeyAuthentication> AuthenticateAsync(
        string surface, ApiKeyCredential credential, string? presentedKey, string? clientId, string address, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            audit.AuthenticationFailed(surface, Reason(credential, "missing"), clientId, address);
            return ApiKeyAuthentication.Missing;
        }

        if (verifier.Matches(presentedKey))
        {
            return ApiKeyAuthentication.Accepted;
        }

        if (await limiter.RecordFailureAsync(address, clientId, cancellationToken).ConfigureAwait(false) is { } lockout)
        {
            audit.LockedOut(surface, lockout.LimitedBy, clientId, address, lockout.RetryAfter);
            return ApiKeyAuthentication.LockedOut(lockout);
        }

        audit.AuthenticationFailed(surface, Reason(credential, "invalid"), clientId, address);
        return ApiKeyAuthentication.Invalid;
    }

    private static string Reason(ApiKeyCredential credential, string what) => credential switch
    {
        ApiKeyCredential.Header => "api_key_" + what,
        ApiKeyCredential.ClientSecret => what == "missing" ? "client_credentials_missing" : "client_secret_invalid",
        _ => "sign_in_key_" + what,
    };
}
