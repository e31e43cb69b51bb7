using System.Text;
using CampaignMcp.Http;
using CampaignMcp.Mcp;
using CampaignMcp.Serialization;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.SignalR;

/// <summary>
/// The message handler: the upstream endpoint Azure SignalR Service calls in serverless mode for
/// connects, disconnects and hub invocations (https://learn.microsoft.com/azure/azure-signalr/concept-upstream).
/// Every call is signature-checked (with an AccessKey connection) and, when configured, must carry the service's
/// managed-identity token; an invocation of <c>jsonrpc</c> runs through the same MCP
/// processor as Streamable HTTP, authorized by the token in <c>params.auth.token</c> or the one bound
/// at negotiate, and answers with a framed completion that the service writes to the client verbatim.
/// </summary>
public sealed class UpstreamEndpoint(
    SignalRSettings signalR,
    McpRequestProcessor processor,
    ISignalRServiceClient service,
    SignalRConnectionCounter connections,
    McpTokenBinding binding,
    UpstreamTokenValidator upstreamTokens,
    AuthAudit audit,
    ILogger<UpstreamEndpoint> logger) : IHttpEndpoint
{
    public const int MaximumBodyBytes = McpHttpEndpoint.MaximumBodyBytes + 4096;

    public string Surface => "signalr-upstream";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (signalR.Endpoint is not { } endpoint)
        {
            return Failure(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.ServerMisconfigured, "SignalR is not configured");
        }

        var upstream = UpstreamRequest.FromHeaders(context.Request.Headers, out var missing);
        if (upstream is null)
        {
            return Failure(StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidRequest, $"Missing header {missing}");
        }

        // With Microsoft Entra authentication the app holds no key the service signs upstream calls with: those
        // calls are checked by the function key and, when configured, the service's managed-identity token.
        if (endpoint.Auth == SignalRAuthKind.AccessKey && !UpstreamSignature.IsValid(upstream.ConnectionId, upstream.Signature, endpoint.AccessKey!))
        {
            SignalRLog.UpstreamRefused(logger, "bad_signature", upstream.ConnectionId, AuditedUser.Unknown, null);
            audit.AuthenticationFailed(Surface, "bad_signature", null, ClientAddress.Of(context));
            return Failure(StatusCodes.Status401Unauthorized, ApiErrorCodes.AuthenticationRequired, "The upstream request signature is missing or invalid");
        }

        if (signalR.Upstream is not null
            && await upstreamTokens.ValidateAsync(context.Request.Headers.Authorization.ToString(), context.RequestAborted).ConfigureAwait(false) is { } tokenFailure)
        {
            SignalRLog.UpstreamRefused(logger, tokenFailure, upstream.ConnectionId, AuditedUser.Unknown, null);
            audit.AuthenticationFailed(Surface, tokenFailure, null, ClientAddress.Of(context));
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Failure(StatusCodes.Status401Unauthorized, ApiErrorCodes.AuthenticationRequired, "The upstream request's managed-identity token is missing or invalid");
        }

        if (!string.Equals(upstream.Hub, HubContract.HubName, StringComparison.OrdinalIgnoreCase))
        {
            return Failure(StatusCodes.Status404NotFound, ApiErrorCodes.InvalidRequest, $"Unknown hub '{upstream.Hub}'; this app serves hub '{HubContract.HubName}'");
        }

        if (context.Request.ContentType?.Contains("msgpack", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Failure(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, "Only the JSON hub protocol is supported");
        }

        var body = await RequestBody.ReadAsync(context.Request, MaximumBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Failure(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge, $"Upstream messages must be at most {MaximumBodyBytes / 1024} KiB");
        }

        return upstream.Category switch
        {
            UpstreamRequest.ConnectionsCategory => ConnectionEvent(upstream),
            UpstreamRequest.MessagesCategory => await MessageAsync(upstream, body, ClientAddress.Of(context), context.RequestAborted).ConfigureAwait(false),
            _ => Failure(StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidRequest, $"Unknown category '{upstream.Category}'"),
        };
    }

    private IResult ConnectionEvent(UpstreamRequest upstream)
    {
        switch (upstream.Event.ToLowerInvariant())
        {
            case UpstreamRequest.ConnectedEvent:
                connections.Connected();
                break;
            case UpstreamRequest.DisconnectedEvent:
                connections.Disconnected();
                break;
            default:
                return Failure(StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidRequest, $"Unknown connection event '{upstream.Event}'");
        }

        SignalRLog.ConnectionEvent(logger, upstream.ConnectionId, upstream.Event.ToLowerInvariant(), AuditUser(upstream), upstream.UserId);
        return Results.Ok();
    }

    private async Task<IResult> MessageAsync(UpstreamRequest upstream, byte[] body, string remoteAddress, CancellationToken cancellationToken)
    {
        switch (HubMessages.Parse(body))
        {
            case InvocationMessage { Arguments: [string message] } invocation when string.Equals(invocation.Target, HubContract.JsonRpcMethod, StringComparison.OrdinalIgnoreCase):
                string? token = null;
                if (upstream.Claims.GetValueOrDefault(HubContract.McpTokenClaim) is { } bound && (token = binding.Open(bound)) is null)
                {
                    // Negotiate only ever puts a sealed token there: a raw or altered one did not come from a
                    // service token this app issued (a forged or replayed upstream call).
                    SignalRLog.UpstreamRefused(logger, "unsealed_token_claim", upstream.ConnectionId, AuditUser(upstream), upstream.UserId);
                    audit.AuthenticationFailed(Surface, "unsealed_token_claim", upstream.UserId, remoteAddress, AuditUser(upstream));
                    return Failure(StatusCodes.Status401Unauthorized, ApiErrorCodes.AuthenticationRequired, $"The {HubContract.McpTokenClaim} claim is not a token sealed by this app");
                }

                var mcp = new McpInvocation("signalr", token, null, $"signalr:{upstream.ConnectionId}", upstream.UserId);
                using (var output = new PooledBufferWriter())
                {
                    var reply = await processor.ProcessAsync(Encoding.UTF8.GetBytes(message), mcp, output, new ConnectionMessageSink(service, upstream.ConnectionId, logger), cancellationToken).ConfigureAwait(false);
                    // An empty id, like none, asks for no completion (as ASP.NET Core's hub dispatcher reads it): clients refuse a completion without an id.
                    return invocation.InvocationId is { Length: > 0 } invocationId
                        ? new JsonBytesResult(HubMessages.Completion(invocationId, reply.Answered ? Encoding.UTF8.GetString(output.WrittenSpan) : null), StatusCodes.Status200OK)
                        : Results.Ok();
                }

            case InvocationBindingFailureMessage { InvocationId: { Length: > 0 } failedId } failure:
                return new JsonBytesResult(HubMessages.CompletionError(failedId, failure.BindingFailure.SourceException.Message), StatusCodes.Status200OK);
            case InvocationMessage { InvocationId: { Length: > 0 } otherId }:
                return new JsonBytesResult(HubMessages.CompletionError(otherId, $"The hub has one method: {HubContract.JsonRpcMethod}(message: string)"), StatusCodes.Status200OK);
            default:
                SignalRLog.UpstreamRefused(logger, "not_an_invocation", upstream.ConnectionId, AuditUser(upstream), upstream.UserId);
                return Failure(StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidRequest, "The body is not one SignalR JSON hub protocol invocation");
        }
    }

    public IResult Failure(int statusCode, string code, string message) =>
        ApiResults.Failure(statusCode, code, message);

    /// <summary>The user negotiate named in the connection's service token (echoed by the service, whose call was verified above).</summary>
    private static string AuditUser(UpstreamRequest upstream)
    {
        try
        {
            return upstream.Claims.GetValueOrDefault(HubContract.AuditUserClaim) is { } encoded ? Base64UrlEncoder.Decode(encoded) : AuditedUser.Unknown;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return AuditedUser.Unknown;
        }
    }
}
