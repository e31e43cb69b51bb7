using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Audit;
using CampaignMcp.Tokens.ClientAuthentication;
using CampaignMcp.Tokens.Grants;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.OAuth;

/// <summary>
/// <c>POST /api/v1/mcp/oauth/revoke</c>: RFC 7009 token revocation, form-encoded <c>token</c> and optional
/// <c>token_type_hint</c>. Possession authorizes (advertised as auth method <c>none</c>); a client that also
/// authenticates must be the token's owner (§2.1). 200 with an empty body whether or not the token was valid (§2.2).
/// </summary>
public sealed class OAuthRevokeEndpoint(ServiceReadiness readiness, TokenGrants grants, ApiKeyAuthenticator authenticator, AuthAudit audit) : IHttpEndpoint
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
            var authentication = await authenticator.AuthenticateAsync(Surface, ApiKeyCredential.ClientSecret, client.Secret, client.ClientId, address, cancellationToken).ConfigureAwait(false);
            if (!authentication.Succeeded)
            {
                return OAuthTokenEndpoint.AuthenticationFailure(context, client, authentication);
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
