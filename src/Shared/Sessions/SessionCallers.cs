using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Api;
using CampaignMcp.Tokens.ClientAuthentication;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Sessions;

/// <summary>
/// Who is asking for sessions: <c>X-API-Key</c> (the operator, through the same check and failed-attempt limit as the
/// token endpoints) or <c>Authorization: Bearer</c> (RFC 6750 §2.1) with an access token that carries
/// <c>sessions:admin</c> (an administrator: every session) or else names a signed-in user (their own sessions).
/// </summary>
public sealed class SessionCallers(ApiKeyAuthenticator apiKeys, AccessTokenValidator tokens)
{
    /// <summary>The caller, or the HTTP status and message to refuse with.</summary>
    public async Task<(SessionCaller? Caller, int Status, string Message)> IdentifyAsync(HttpRequest request, string surface, string address, CancellationToken cancellationToken)
    {
        var key = request.Headers[TokenEndpoint.ApiKeyHeader].ToString();
        if (key.Length > 0)
        {
            var authentication = await apiKeys.AuthenticateAsync(surface, ApiKeyCredential.Header, key, null, address, cancellationToken).ConfigureAwait(false);
            return authentication.Result switch
            {
                ApiKeyAuthenticationResult.Accepted => (SessionCaller.Operator, 200, ""),
                ApiKeyAuthenticationResult.LockedOut => (null, StatusCodes.Status429TooManyRequests, "Too many wrong keys; try again later"),
                _ => (null, StatusCodes.Status401Unauthorized, "The API key is not valid"),
            };
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status401Unauthorized, "Send X-API-Key (the operator) or a signed-in user's access token as Authorization: Bearer");
        }

        var outcome = await tokens.ValidateAsync(authorization["Bearer ".Length..].Trim()).ConfigureAwait(false);
        if (!outcome.IsValid)
        {
            return (null, StatusCodes.Status401Unauthorized, "The access token is not valid: " + TokenFailureText.Describe(outcome.Failure));
        }

        var principal = outcome.Principal!;
        if (principal.Has(ScopeSet.SessionsAdmin))
        {
            // An administrator: a user whose app role grants sessions:admin, or a token the API-key holder minted with it.
            return (principal.User is { } admin ? SessionCaller.Administrator(admin, principal.UserName ?? admin) : SessionCaller.Operator, 200, "");
        }

        return principal.User is { } user
            ? (SessionCaller.SignedIn(user, principal.UserName ?? user), 200, "")
            : (null, StatusCodes.Status403Forbidden, "Only a signed-in user's token, a token with the sessions:admin scope, or the operator's API key can see sessions");
    }
}
