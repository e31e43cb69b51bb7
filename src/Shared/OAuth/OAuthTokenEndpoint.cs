using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.OAuth.Authorization;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Api;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Audit;
using CampaignMcp.Tokens.ClientAuthentication;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Refresh;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.OAuth;

/// <summary>
/// <c>POST /api/v1/mcp/oauth/token</c>: the OAuth 2.0 token endpoint (RFC 6749 §3.2) for standard clients,
/// beside the original JSON one. <c>authorization_code</c> with PKCE for public clients (§4.1.3, see
/// <see cref="AuthorizationCodeGrant"/>), <c>client_credentials</c> (§4.4: client id plus the API key as client
/// secret, Basic or in the body; no refresh token, §4.4.3) and <c>refresh_token</c> (§6, rotated as on the
/// original surface). Errors are §5.2 JSON; 429 and 503 carry <c>Retry-After</c>.
/// </summary>
public sealed class OAuthTokenEndpoint(
    TokenSettings settings,
    ServiceReadiness readiness,
    RefreshSettings refresh,
    ApiKeyVerifier apiKeys,
    TokenIssuer issuer,
    TokenGrants grants,
    ApiKeyAuthenticator authenticator,
    AuthorizationCodeGrant authorizationCodes,
    AuthAudit audit) : IHttpEndpoint
{
    public const string ClientCredentialsGrant = "client_credentials";
    public const string RefreshTokenGrant = "refresh_token";
    public static readonly IReadOnlyList<string> GrantTypes = [AuthorizationCodeGrant.GrantType, ClientCredentialsGrant, RefreshTokenGrant];

    public string Surface => "oauth-token";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        if (!readiness.IsServiceable || !apiKeys.IsConfigured || !issuer.IsAvailable)
        {
            var problems = readiness.Describe();
            audit.Misconfigured(Surface, problems);
            return Failure(StatusCodes.Status503ServiceUnavailable, OAuthErrorCodes.TemporarilyUnavailable, readiness.RefusalMessage);
        }

        var read = await OAuthForm.ReadAsync(context, readiness).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return read.Error;
        }

        var form = read.Value;

        var grantType = form["grant_type"];
        if (grantType is null)
        {
            return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "grant_type is required");
        }

        if (!GrantTypes.Contains(grantType, StringComparer.Ordinal)
            || (grantType == RefreshTokenGrant && !refresh.Enabled))
        {
            return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.UnsupportedGrantType, $"Supported grant types: {string.Join(", ", refresh.Enabled ? GrantTypes : [AuthorizationCodeGrant.GrantType, ClientCredentialsGrant])}");
        }

        var address = ClientAddress.Of(context);
        if (ClientCredentials.Read(request, form, out var credentialError) is not { } client)
        {
            return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, credentialError!);
        }

        if (client.Secret is not null || grantType == ClientCredentialsGrant)
        {
            if (client.ClientId is null)
            {
                audit.AuthenticationFailed(Surface, "client_credentials_missing", null, address);
                return InvalidClient(context, client, "Client authentication is required: client_id and the API key as client_secret");
            }

            var authentication = await authenticator.AuthenticateAsync(Surface, ApiKeyCredential.ClientSecret, client.Secret, client.ClientId, address, cancellationToken).ConfigureAwait(false);
            if (!authentication.Succeeded)
            {
                return AuthenticationFailure(context, client, authentication);
            }

            if (!settings.AllowedClients.Contains(client.ClientId))
            {
                // Authenticated, but not a client that may have tokens: RFC 6749 §5.2 unauthorized_client.
                audit.AuthorizationDenied(Surface, "client_not_allowed", client.ClientId, address);
                return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.UnauthorizedClient, $"Client '{Shorten(client.ClientId)}' is not allowed to obtain tokens");
            }
        }

        IReadOnlyList<string>? scopes = null;
        if (form["scope"] is { } scope)
        {
            scopes = TokenRequest.CheckScopes(scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), out var scopeError);
            if (scopes is null)
            {
                return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidScope, scopeError!);
            }
        }

        if (grantType == AuthorizationCodeGrant.GrantType)
        {
            // A public client (token_endpoint_auth_method none): the PKCE verifier proves it started the flow.
            var (redeemed, error, description) = await authorizationCodes.RedeemAsync(form.Values, client.ClientId, cancellationToken).ConfigureAwait(false);
            return redeemed is not null ? Success(redeemed) : Failure(StatusCodes.Status400BadRequest, error!, description!);
        }

        if (grantType == ClientCredentialsGrant)
        {
            var issued = await grants.IssueAsync(ClientCredentialsGrant, client.ClientId!, scopes ?? Scopes.Default, withRefreshToken: false, cancellationToken).ConfigureAwait(false);
            return Success(issued);
        }

        if (form["refresh_token"] is not { } refreshToken)
        {
            return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "refresh_token is required for the refresh_token grant");
        }

        // The family says which client may refresh it: an OAuth public client's own id, or the API-key client.
        var refreshed = await grants.RefreshAsync(refreshToken, scopes, client.ClientId, Surface, address, cancellationToken).ConfigureAwait(false);
        if (refreshed.Succeeded)
        {
            return Success(refreshed);
        }

        var code = refreshed.Failure == RefreshFailure.ScopeNotGranted ? OAuthErrorCodes.InvalidScope : OAuthErrorCodes.InvalidGrant;
        return Failure(StatusCodes.Status400BadRequest, code, refreshed.Failure.Describe());
    }

    public IResult Failure(int statusCode, string code, string message) => OAuthResponses.Error(statusCode, code, message);

    private static IResult Success(GrantResult grant) => OAuthResponses.Token(grant);

    /// <summary>§5.2: 401, with a Basic challenge when the client used Basic.</summary>
    private static IResult InvalidClient(HttpContext context, ClientCredentials client, string message)
    {
        if (client.UsedBasic)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"campaign-mcp\"";
        }

        return OAuthResponses.Error(StatusCodes.Status401Unauthorized, OAuthErrorCodes.InvalidClient, message);
    }

    /// <summary>§5.2 invalid_client for a missing or wrong secret; 429 once the failed-attempt limit is reached.</summary>
    internal static IResult AuthenticationFailure(HttpContext context, ClientCredentials client, ApiKeyAuthentication authentication)
    {
        if (authentication.Lockout is { } lockout)
        {
            context.Response.Headers.RetryAfter = lockout.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return OAuthResponses.Error(StatusCodes.Status429TooManyRequests, OAuthErrorCodes.TemporarilyUnavailable, $"Too many failed client authentications; retry after {lockout.RetryAfterSeconds} seconds");
        }

        return InvalidClient(context, client, authentication.Result == ApiKeyAuthenticationResult.Missing
            ? "Client authentication is required: client_id and the API key as client_secret"
            : "Client authentication failed");
    }

    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
