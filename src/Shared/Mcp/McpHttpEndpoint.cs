using CampaignMcp.Http;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Audit;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// MCP Streamable HTTP, stateless as suits serverless
/// (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http):
/// POST carries one JSON-RPC message and gets <c>application/json</c> back, or 202 for a notification;
/// GET and DELETE get 405 (no server stream, no sessions). Authorization failures are HTTP 401/403 with
/// a Bearer challenge and a JSON-RPC error body.
/// </summary>
public sealed class McpHttpEndpoint(McpRequestProcessor processor, CorsPolicy cors, BearerChallenge challenge, AuthAudit audit) : IHttpEndpoint
{
    public const int MaximumBodyBytes = 1024 * 1024;
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    public string Surface => "mcp-http";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !cors.IsAllowedOrigin(origin))
        {
            // DNS-rebinding protection: a browser page from another origin must not reach the server.
            audit.AuthorizationDenied(Surface, "origin_not_allowed", null, ClientAddress.Of(context));
            return Failure(StatusCodes.Status403Forbidden, McpErrorCode.InvalidRequest, $"Origin '{Shorten(origin)}' is not allowed");
        }

        var version = request.Headers[ProtocolVersionHeader].ToString();
        if (version.Length > 0 && !ProtocolVersions.IsSupported(version))
        {
            return Failure(StatusCodes.Status400BadRequest, McpErrorCode.InvalidRequest,
                $"Unsupported MCP-Protocol-Version '{Shorten(version)}'; supported: {string.Join(", ", ProtocolVersions.Supported)}");
        }

        if (!RequestBody.IsJson(request))
        {
            return Failure(StatusCodes.Status415UnsupportedMediaType, McpErrorCode.InvalidRequest, "Content-Type must be application/json");
        }

        string? token = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
            {
                // RFC 6750 §3.1: an unsupported scheme gets the plain challenge, not an error code.
                audit.AuthenticationFailed(Surface, "unsupported_scheme", null, ClientAddress.Of(context));
                context.Response.Headers.WWWAuthenticate = challenge.Missing();
                return Failure(StatusCodes.Status401Unauthorized, McpErrorCodes.AuthenticationRequired, "Authorization must use the Bearer scheme");
            }

            token = authorization[7..].Trim();
        }

        var body = await RequestBody.ReadAsync(request, MaximumBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Failure(StatusCodes.Status413PayloadTooLarge, McpErrorCode.InvalidRequest, $"The request body must be at most {MaximumBodyBytes / 1024} KiB");
        }

        var invocation = new McpInvocation(Surface, token, version.Length > 0 ? version : null, ClientAddress.Of(context));
        var result = await processor.ProcessAsync(body, invocation, context.RequestAborted).ConfigureAwait(false);
        var status = StatusCodes.Status200OK;
        if (result.AuthFailure is { } refusal)
        {
            status = Challenge(context, refusal);
        }

        if (result.Response is null)
        {
            return status == StatusCodes.Status200OK ? Results.Accepted() : Results.StatusCode(status);
        }

        if (result.Notifications.Count > 0 && status == StatusCodes.Status200OK && AcceptsEventStream(request))
        {
            // Progress notifications can only travel before the response on an SSE response.
            return new ServerSentEventsResult([.. result.Notifications, result.Response]);
        }

        return new JsonBytesResult(result.Response, status);
    }

    private static bool AcceptsEventStream(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    private int Challenge(HttpContext context, McpAuthFailure refusal)
    {
        var headers = context.Response.Headers;
        switch (refusal.JsonRpcCode)
        {
            case McpErrorCodes.AuthenticationRequired:
                headers.WWWAuthenticate = challenge.Missing();
                return StatusCodes.Status401Unauthorized;
            case McpErrorCodes.InsufficientScope:
                headers.WWWAuthenticate = challenge.InsufficientScope(refusal.MissingScopes | refusal.GrantedScopes, refusal.Message);
                return StatusCodes.Status403Forbidden;
            case McpErrorCodes.ServiceUnavailable:
                headers.RetryAfter = "60";
                return StatusCodes.Status503ServiceUnavailable;
            default:
                headers.WWWAuthenticate = challenge.InvalidToken(refusal.TokenFailure.Describe());
                return StatusCodes.Status401Unauthorized;
        }
    }

    public IResult Failure(int statusCode, string code, string message) =>
        Failure(statusCode, statusCode >= StatusCodes.Status500InternalServerError ? McpErrorCode.InternalError : McpErrorCode.InvalidRequest, message);

    private static JsonBytesResult Failure(int statusCode, McpErrorCode code, string message) =>
        new JsonBytesResult(McpRequestProcessor.Error(default, code, message), statusCode);

    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
