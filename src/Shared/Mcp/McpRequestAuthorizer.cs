using System.Text.Json.Nodes;
using CampaignMcp.Configuration;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Audit;
using ModelContextProtocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// The check every MCP request and notification passes on its own, before anything runs it: the token is
/// <c>params.auth.token</c> (the original server's format, taken out of the params so no handler sees it) or else the
/// transport's, validated per call; then the method's scopes (<see cref="McpAccessPolicy"/>). Every refusal is audited:
/// a missing or bad token as an authentication failure, missing scopes as an authorization denial.
/// </summary>
public sealed class McpRequestAuthorizer(
    TokenSettings settings,
    ServiceReadiness readiness,
    AccessTokenValidator validator,
    McpAccessPolicy policy,
    AuthAudit audit)
{
    public async ValueTask<McpAuthorization> AuthorizeAsync(string method, JsonNode? parameters, McpInvocation invocation)
    {
        var bodyToken = BodyToken.TakeFrom(parameters);
        if (bodyToken.Malformed)
        {
            return Refuse(invocation, method, null, Failure(McpErrorCodes.InvalidToken, "Invalid token: params.auth.token must be a string", TokenFailure.Malformed));
        }

        if (settings.AuthEnabled && !readiness.IsServiceable)
        {
            return Refuse(invocation, method, null, Failure(McpErrorCodes.ServiceUnavailable, readiness.RefusalMessage, TokenFailure.Unavailable));
        }

        var token = bodyToken.Token ?? invocation.TransportToken;
        McpPrincipal principal;
        if (token is null && !settings.AuthEnabled)
        {
            principal = McpPrincipal.Anonymous;
        }
        else
        {
            var outcome = await validator.ValidateAsync(token).ConfigureAwait(false);
            if (!outcome.IsValid)
            {
                return Refuse(invocation, method, outcome.Named, outcome.Failure switch
                {
                    TokenFailure.Missing => Failure(McpErrorCodes.AuthenticationRequired, "Authentication required: send a bearer token from the token endpoint", TokenFailure.Missing),
                    TokenFailure.Unavailable => Failure(McpErrorCodes.ServiceUnavailable, readiness.RefusalMessage, TokenFailure.Unavailable),
                    var reason => Failure(McpErrorCodes.InvalidToken, $"Invalid token: {reason.Describe()}", reason),
                });
            }

            principal = outcome.Principal;
        }

        var decision = ScopePolicy.Require(principal, policy.RequiredScopes(method, parameters));
        return decision.IsAllowed
            ? McpAuthorization.Allow(principal)
            : Refuse(invocation, method, principal, new McpAuthFailure(McpErrorCodes.InsufficientScope, decision.Message, TokenFailure.None, decision.Missing, decision.Granted));
    }

    /// <param name="principal">Who the token named, when it was ours: the audit line names that user and app.</param>
    private McpAuthorization Refuse(McpInvocation invocation, string method, McpPrincipal? principal, McpAuthFailure failure)
    {
        var clientId = principal?.ClientId ?? invocation.TransportClientId;
        if (failure.JsonRpcCode == McpErrorCodes.InsufficientScope)
        {
            audit.AuthorizationDenied(invocation.Surface, $"insufficient_scope for {method}", clientId, invocation.RemoteAddress, AuditedUser.Of(principal));
        }
        else
        {
            audit.AuthenticationFailed(invocation.Surface, failure.TokenFailure.Code(), clientId, invocation.RemoteAddress, AuditedUser.Of(principal));
        }

        return McpAuthorization.Refuse(failure);
    }

    private static McpAuthFailure Failure(McpErrorCode code, string message, TokenFailure reason) =>
        new(code, message, reason, ScopeSet.None, ScopeSet.None);
}
