using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Mcp;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.SignalR;

/// <summary>
/// <c>POST /api/v1/mcp/signalr/negotiate</c>: a valid MCP access token (bearer header only: a query
/// value would land in request logs) buys a service access token for hub <c>mcp</c>, with the client
/// id as user id, the scopes and the MCP token, sealed, as claims (the message handler opens and
/// validates it again on every invocation), and a lifetime no longer than the MCP token's.
/// https://learn.microsoft.com/azure/azure-signalr/signalr-concept-serverless-development-config#negotiation-function
/// </summary>
public sealed class NegotiateEndpoint(
    SignalRSettings signalR,
    TokenSettings auth,
    ServiceReadiness readiness,
    AccessTokenValidator validator,
    SignalRAccessTokens tokens,
    BearerChallenge challenge,
    McpTokenBinding binding,
    CorsPolicy cors,
    TimeProvider time,
    AuthAudit audit,
    ILogger<NegotiateEndpoint> logger) : IHttpEndpoint
{
    public string Surface => "signalr-negotiate";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (signalR.Endpoint is not { } endpoint)
        {
            return Failure(StatusCodes.Status503ServiceUnavailable, "", signalR.Issue is { } issue ? $"The server is misconfigured: {issue}" : $"SignalR is not configured: set {SettingNames.AzureSignalRConnectionString}");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !cors.IsAllowedOrigin(origin))
        {
            // The same DNS-rebinding guard as the MCP endpoint: SignalR must not be the way around it.
            audit.AuthorizationDenied(Surface, "origin_not_allowed", null, ClientAddress.Of(context));
            return Failure(StatusCodes.Status403Forbidden, "", "This origin is not allowed");
        }

        var token = BearerToken(context.Request);
        McpPrincipal principal;
        if (auth.AuthEnabled && !readiness.IsServiceable)
        {
            return Failure(StatusCodes.Status503ServiceUnavailable, "", readiness.RefusalMessage);
        }

        if (token is null && !auth.AuthEnabled)
        {
            principal = McpPrincipal.Anonymous;
        }
        else
        {
            var outcome = await validator.ValidateAsync(token).ConfigureAwait(false);
            if (!outcome.IsValid)
            {
                audit.AuthenticationFailed(Surface, outcome.Failure.Code(), outcome.Named?.ClientId, ClientAddress.Of(context), AuditedUser.Of(outcome.Named));
                context.Response.Headers.WWWAuthenticate = outcome.Failure == TokenFailure.Missing ? challenge.Missing() : challenge.InvalidToken(outcome.Failure.Describe());
                return Failure(StatusCodes.Status401Unauthorized, "", outcome.Failure == TokenFailure.Missing ? "Authentication required" : $"Invalid token: {outcome.Failure.Describe()}");
            }

            principal = outcome.Principal;
        }

        // Whole seconds, as the token's iat will be: the service token then ends exactly when the MCP token does.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var lifetime = SignalRAccessTokens.DefaultLifetime;
        if (principal.ExpiresAt is { } expires && expires - now < lifetime)
        {
            lifetime = TimeSpan.FromSeconds(Math.Max(1, (expires - now).TotalSeconds));
        }

        var user = AuditedUser.Of(principal);
        var claims = new Dictionary<string, object>
        {
            [HubContract.ScopeClaim] = string.Join(' ', Scopes.Names(principal.Scopes)),
            // base64url: a display name may hold ", " or ": ", which separate claims in the upstream header.
            [HubContract.AuditUserClaim] = Base64UrlEncoder.Encode(user),
        };
        if (token is not null)
        {
            claims[HubContract.McpTokenClaim] = binding.Seal(token);
        }

        string accessToken;
        try
        {
            accessToken = await tokens.ForClientAsync(endpoint, HubContract.HubName, principal.ClientId, claims, lifetime, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SignalRUnavailableException unavailable)
        {
            return Failure(StatusCodes.Status503ServiceUnavailable, "", $"SignalR is unavailable: {unavailable.Message}");
        }

        SignalRLog.Negotiated(logger, principal.ClientId, user, (long)lifetime.TotalSeconds);
        return TypedResults.Json(new NegotiateResponse(endpoint.ClientUrl(HubContract.HubName), accessToken), SignalRJsonContext.Default.NegotiateResponse);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;
    }

    public IResult Failure(int statusCode, string code, string message) =>
        TypedResults.Json(new NegotiateError(message), SignalRJsonContext.Default.NegotiateError, statusCode: statusCode);
}
