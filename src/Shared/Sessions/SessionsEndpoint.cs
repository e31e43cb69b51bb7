using System.Text.Json;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Sessions;

/// <summary>
/// <c>GET /api/v1/mcp/sessions</c> lists active sessions (optional <c>user</c> and <c>client_id</c> query filters);
/// <c>POST /api/v1/mcp/sessions</c> with <c>{"session_id"}</c>, <c>{"user"}</c> or <c>{"client_id"}</c> revokes one
/// session, every session of a user, or every session of an app. The operator (<c>X-API-Key</c>) sees and revokes
/// every session; a signed-in user (<c>Authorization: Bearer</c>) only their own. Answers in the REST envelope.
/// </summary>
public sealed class SessionsEndpoint(ServiceReadiness readiness, SessionCallers callers, SessionDirectory sessions, ILogger<SessionsEndpoint> logger) : IHttpEndpoint
{
    private const int MaximumBodyBytes = 4096;
    private static readonly IReadOnlyList<string> GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    public string Surface => "sessions";

    public IReadOnlyList<string> Methods => GetAndPost;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var address = ClientAddress.Of(context);
        if (!readiness.IsServiceable)
        {
            return Failure(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.ServerMisconfigured, readiness.RefusalMessage);
        }

        var (caller, status, message) = await callers.IdentifyAsync(context.Request, Surface, address, cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            if (status == StatusCodes.Status401Unauthorized)
            {
                // RFC 6750 §3.1: no error code when the request carried no credentials at all.
                var presented = context.Request.Headers.Authorization.Count > 0 || context.Request.Headers.ContainsKey(Tokens.Api.TokenEndpoint.ApiKeyHeader);
                context.Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
            }

            return Failure(status, status == StatusCodes.Status429TooManyRequests ? ApiErrorCodes.TooManyAttempts : status == StatusCodes.Status403Forbidden ? SessionErrorCodes.Forbidden : ApiErrorCodes.AuthenticationRequired, message);
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            var query = context.Request.Query;
            var filter = caller.Narrow(new SessionFilter(null, NullIfEmpty(query["user"]), NullIfEmpty(query["client_id"])));
            if (filter is null)
            {
                return Failure(StatusCodes.Status403Forbidden, SessionErrorCodes.Forbidden, "A signed-in user can see only their own sessions");
            }

            var list = await sessions.ListAsync(filter, cancellationToken).ConfigureAwait(false);
            SessionLog.Listed(logger, caller.Name, address, list.Count);
            return TypedResults.Json(new ApiSuccess<SessionList>(new SessionList(list)), SessionsJsonContext.Default.ApiSuccessSessionList);
        }

        var body = await RequestBody.ReadAsync(context.Request, MaximumBodyBytes, cancellationToken).ConfigureAwait(false);
        SessionRevocation? revocation = null;
        try
        {
            revocation = body is null ? null : JsonSerializer.Deserialize(body, SessionsJsonContext.Default.SessionRevocation);
        }
        catch (JsonException)
        {
        }

        if (revocation is null || (revocation.SessionId is null && revocation.User is null && revocation.ClientId is null))
        {
            return Failure(StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidRequest, "Send a JSON object with session_id, user or client_id: which sessions to revoke");
        }

        var target = caller.Narrow(new SessionFilter(revocation.SessionId, revocation.User, revocation.ClientId));
        if (target is null)
        {
            return Failure(StatusCodes.Status403Forbidden, SessionErrorCodes.Forbidden, "A signed-in user can revoke only their own sessions");
        }

        var revoked = await sessions.RevokeAsync(target, caller.Name, address, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new ApiSuccess<SessionRevocation>(new SessionRevocation(Revoked: revoked)), SessionsJsonContext.Default.ApiSuccessSessionRevocation);
    }

    public IResult Failure(int statusCode, string code, string message) => ApiResults.Failure(statusCode, code, message);

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 1 && value[0] is { Length: > 0 } text ? text : null;
}
