using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Serialization;
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
public sealed class McpHttpEndpoint(McpRequestProcessor processor, CorsPolicy cors, BearerChallenge challenge, AuthAudit audit, DeploymentSettings deployment) : IHttpEndpoint
{
    private readonly string ownOrigin = new Uri(deployment.PublicBaseUrl).GetLeftPart(UriPartial.Authority);

    public const int MaximumBodyBytes = 1024 * 1024;
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    public string Surface => "mcp-http";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !cors.IsAllowedOrigin(origin) && !IsOwnOrigin(context, origin))
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

        // Without the header the spec has the server assume 2025-03-26 (which still allows batches).
        var invocation = new McpInvocation(Surface, token, version.Length > 0 ? version : ProtocolVersions.AssumedWithoutHeader, ClientAddress.Of(context));
        var output = new PooledBufferWriter();
        var events = new McpServerSentEvents(context.Response, AcceptsEventStream(request));
        McpReply reply;
        try
        {
            reply = await processor.ProcessAsync(body, invocation, output, events, context.RequestAborted).ConfigureAwait(false);
            if (events.Started)
            {
                // Progress went out as it happened; the reply closes the stream. Authorization came before any progress.
                if (reply.Answered)
                {
                    await events.FinishAsync(output.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
                }

                output.Dispose();
                return Results.Empty;
            }
        }
        catch
        {
            output.Dispose();
            throw;
        }

        var status = reply.IsInvalidMessage ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        if (reply.AuthFailure is { } refusal)
        {
            status = Challenge(context, refusal);
        }

        if (!reply.Answered)
        {
            output.Dispose();
            return status == StatusCodes.Status200OK ? Results.Accepted() : Results.StatusCode(status);
        }

        return new PooledJsonResult(output, status);
    }

    /// <summary>
    /// DNS-rebinding protection refuses foreign origins; the server's own public origin is not foreign, and neither is a
    /// loopback origin when the server itself listens on loopback (a rebinding attack's page has its own, non-loopback origin).
    /// https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning
    /// </summary>
    private bool IsOwnOrigin(HttpContext context, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
        {
            return false;
        }

        if (string.Equals(uri.GetLeftPart(UriPartial.Authority), ownOrigin, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return uri.IsLoopback && context.Connection.LocalIpAddress is { } local && System.Net.IPAddress.IsLoopback(local);
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
