using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Audit;
using CampaignMcp.Tokens.Grants;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.OAuth;

/// <summary>
/// <c>POST /api/v1/mcp/oauth/revoke</c>: RFC 7009 token revocation, form-encoded <c>token</c> and optional
/// <c>token_type_hint</c>. Possession authorizes (advertised as auth method <c>none</c>); a client that also
/// authenticates must be the token's owner (§2.1). 200 with an empty body whether or not the token was valid (§2.2).
/// </summary>
public sealed class OAuthRevokeEndpoint(ServiceReadiness readiness, ApiKeyVerifier apiKeys, TokenGrants grants, ApiKeyAttemptLimiter limiter, AuthAudit audit) : IHttpEndpoint
{
    public string Surface => "oauth-revoke";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var read = await OAuthForm.ReadAsync(context, readiness).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return read.Error;
        }

        var form = read.Value;

        if (form["token"] is not { } token)
        {
            return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "token is required");
        }

        // token_type_hint (§2.1) is not needed: the two token types cannot be mistaken for each other.
        if (ClientCredentials.Read(request, form, out var credentialError) is not { } client)
        {
            return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, credentialError!);
        }

        var address = ClientAddress.Of(context);
        if (client.Secret is not null)
        {
            var secretMatches = apiKeys.Matches(client.Secret);
            if (await limiter.CheckAsync(address, secretMatches ? null : client.ClientId, cancellationToken).ConfigureAwait(false) is { } lockout)
            {
                audit.LockedOut(Surface, lockout.LimitedBy, client.ClientId, address, lockout.RetryAfter);
                context.Response.Headers.RetryAfter = lockout.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Failure(StatusCodes.Status429TooManyRequests, OAuthErrorCodes.TemporarilyUnavailable, $"Too many failed client authentications; retry after {lockout.RetryAfterSeconds} seconds");
            }

            if (!secretMatches)
            {
                audit.AuthenticationFailed(Surface, "client_secret_invalid", client.ClientId, address);
                await limiter.RecordFailureAsync(address, client.ClientId, cancellationToken).ConfigureAwait(false);
                if (client.UsedBasic)
                {
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"campaign-mcp\"";
                }

                return Failure(StatusCodes.Status401Unauthorized, OAuthErrorCodes.InvalidClient, "Client authentication failed");
            }
        }

        if (client.ClientId is { } clientId
            && await grants.OwnerAsync(token, cancellationToken).ConfigureAwait(false) is { } owner
            && !string.Equals(owner, clientId, StringComparison.OrdinalIgnoreCase))
        {
            audit.AuthorizationDenied(Surface, "revoke_other_clients_token", clientId, address);
            return Failure(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "The token was not issued to this client");
        }

        await grants.RevokeAsync(token, address, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok();
    }

    public IResult Failure(int statusCode, string code, string message) => OAuthResponses.Error(statusCode, code, message);
}
