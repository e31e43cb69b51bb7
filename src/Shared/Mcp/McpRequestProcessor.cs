using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignMcp.Configuration;
using CampaignMcp.Serialization;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Audit;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// Transport-neutral MCP entry point: one transport message (a JSON-RPC message, or a batch where the
/// protocol version allows) plus what the transport knows, in; the reply, out. Every request is
/// authorized on its own: the token is <c>params.auth.token</c> (the original server's format,
/// removed before dispatch so tools never see it) or the transport's, validated per call, and the
/// method's scopes checked before the SDK runs it.
/// </summary>
public sealed class McpRequestProcessor(
    TokenSettings settings,
    ServiceReadiness readiness,
    AccessTokenValidator validator,
    McpAccessPolicy policy,
    McpSdkDispatcher dispatcher,
    AuthAudit audit,
    ILogger<McpRequestProcessor> logger)
{
    private static readonly JsonSerializerOptions Json = McpJsonUtilities.DefaultOptions;

    public async Task<McpProcessingResult> ProcessAsync(ReadOnlyMemory<byte> body, McpInvocation invocation, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            // Invalid UTF-8, escaped unpaired surrogates and duplicate property names are refused here, before anything reads the message.
            if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            {
                return new(Error(default, McpErrorCode.ParseError, "Parse error: the body is not valid UTF-8"), null);
            }

            if (InteroperableJson.HasUnpairedSurrogateEscape(body.Span))
            {
                return new(Error(default, McpErrorCode.ParseError, "Parse error: the body escapes an unpaired surrogate (RFC 7493 §2.1)"), null);
            }

            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return new(Error(default, McpErrorCode.ParseError, "Parse error: the body is not valid JSON (or repeats a property name)"), null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return await ProcessOneAsync(root, invocation, cancellationToken).ConfigureAwait(false);
            }

            if (!ProtocolVersions.AllowsBatches(invocation.ProtocolVersion))
            {
                return new(Error(default, McpErrorCode.InvalidRequest, $"JSON-RPC batches are not supported {(invocation.ProtocolVersion is null ? "without an MCP-Protocol-Version of 2025-03-26 or earlier" : $"in protocol version {invocation.ProtocolVersion}")}; send one message per request"), null);
            }

            if (root.GetArrayLength() is 0 or > ProtocolVersions.MaximumBatchSize)
            {
                return new(Error(default, McpErrorCode.InvalidRequest, $"Invalid Request: a batch must hold 1 to {ProtocolVersions.MaximumBatchSize} messages"), null);
            }

            var replies = new JsonArray();
            var notifications = new List<byte[]>();
            foreach (var element in root.EnumerateArray())
            {
                var reply = await ProcessOneAsync(element, invocation, cancellationToken).ConfigureAwait(false);
                notifications.AddRange(reply.Notifications);
                if (reply.Response is not null)
                {
                    replies.Add(JsonNode.Parse(reply.Response));
                }
            }

            return new(replies.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(replies, Json.GetTypeInfo<JsonArray>()), null, notifications);
        }
    }

    private async Task<McpProcessingResult> ProcessOneAsync(JsonElement element, McpInvocation invocation, CancellationToken cancellationToken)
    {
        JsonRpcMessage? message;
        try
        {
            message = element.ValueKind == JsonValueKind.Object ? element.Deserialize(Json.GetTypeInfo<JsonRpcMessage>()) : null;
        }
        catch (JsonException exception)
        {
            return new(Error(IdOf(element), McpErrorCode.InvalidRequest, $"Invalid Request: {exception.Message}"), null);
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("params", out var parameters)
            && AmbiguousMemberNames.Find(parameters) is var (first, second))
        {
            // A notification gets no answer (JSON-RPC 2.0 §4.1); it would change nothing here anyway.
            return message is JsonRpcRequest ambiguous
                ? new(Error(ambiguous.Id, McpErrorCode.InvalidParams, $"Invalid params: the member names '{first}' and '{second}' differ only in case, and MCP reads names without regard to case"), null)
                : McpProcessingResult.NoResponse;
        }

        switch (message)
        {
            case JsonRpcRequest request:
                return await ProcessRequestAsync(request, invocation, cancellationToken).ConfigureAwait(false);
            case JsonRpcNotification notification:
                // Stateless: a notification changes nothing here, but an unauthorized one is still refused.
                var notificationAccess = await AuthorizeAsync(notification.Method, notification.Params, BodyToken.TakeFrom(notification.Params), invocation).ConfigureAwait(false);
                return notificationAccess.IsAllowed ? McpProcessingResult.NoResponse : new(null, notificationAccess.Refusal);
            case JsonRpcResponse or JsonRpcError:
                return McpProcessingResult.NoResponse;
            default:
                return new(Error(IdOf(element), McpErrorCode.InvalidRequest, "Invalid Request: expected a JSON-RPC 2.0 object"), null);
        }
    }

    private async Task<McpProcessingResult> ProcessRequestAsync(JsonRpcRequest request, McpInvocation invocation, CancellationToken cancellationToken)
    {
        var access = await AuthorizeAsync(request.Method, request.Params, BodyToken.TakeFrom(request.Params), invocation).ConfigureAwait(false);
        if (!access.IsAllowed)
        {
            return new(AuthError(request.Id, access.Refusal), access.Refusal);
        }

        var principal = access.Principal;
        McpLog.Dispatched(logger, invocation.Surface, request.Method, principal.ClientId);
        request.Context = new JsonRpcMessageContext { User = new McpCaller(principal), ProtocolVersion = invocation.ProtocolVersion };
        McpDispatchOutput output;
        try
        {
            output = await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            // The SDK's transport reads initialize's params itself, outside the server's error handling:
            // a malformed clientInfo or protocolVersion throws there instead of being answered.
            return new(Error(request.Id, McpErrorCode.InvalidParams, $"Invalid params: {exception.Message}"), null);
        }

        return new(output.Response, null, output.Notifications);
    }

    /// <summary>Validates the message's token (its own, else the transport's) and checks the method's scopes.</summary>
    private async Task<McpAuthorization> AuthorizeAsync(string method, JsonNode? parameters, BodyToken bodyToken, McpInvocation invocation)
    {
        var token = bodyToken.Token ?? invocation.TransportToken;
        McpPrincipal principal;
        if (bodyToken.Malformed)
        {
            return Refuse(invocation, method, null, new McpAuthFailure(McpErrorCodes.InvalidToken, "Invalid token: params.auth.token must be a string", TokenFailure.Malformed, ScopeSet.None, ScopeSet.None));
        }

        if (settings.AuthEnabled && !readiness.IsServiceable)
        {
            return Refuse(invocation, method, null, new McpAuthFailure(McpErrorCodes.ServiceUnavailable, readiness.RefusalMessage, TokenFailure.Unavailable, ScopeSet.None, ScopeSet.None));
        }

        if (token is null && !settings.AuthEnabled)
        {
            principal = McpPrincipal.Anonymous;
        }
        else
        {
            var outcome = await validator.ValidateAsync(token).ConfigureAwait(false);
            if (!outcome.IsValid)
            {
                var failure = outcome.Failure switch
                {
                    TokenFailure.Missing => new McpAuthFailure(McpErrorCodes.AuthenticationRequired, "Authentication required: send a bearer token from the token endpoint", TokenFailure.Missing, ScopeSet.None, ScopeSet.None),
                    TokenFailure.Unavailable => new McpAuthFailure(McpErrorCodes.ServiceUnavailable, readiness.RefusalMessage, TokenFailure.Unavailable, ScopeSet.None, ScopeSet.None),
                    var reason => new McpAuthFailure(McpErrorCodes.InvalidToken, $"Invalid token: {reason.Describe()}", reason, ScopeSet.None, ScopeSet.None),
                };
                return Refuse(invocation, method, null, failure);
            }

            principal = outcome.Principal;
        }

        var decision = ScopePolicy.Require(principal, policy.RequiredScopes(method, parameters));
        return decision.IsAllowed
            ? McpAuthorization.Allow(principal)
            : Refuse(invocation, method, principal.ClientId, new McpAuthFailure(McpErrorCodes.InsufficientScope, decision.Message, TokenFailure.None, decision.Missing, decision.Granted));
    }

    private McpAuthorization Refuse(McpInvocation invocation, string method, string? clientId, McpAuthFailure failure)
    {
        var reason = failure.JsonRpcCode == McpErrorCodes.InsufficientScope ? $"insufficient_scope for {method}" : failure.TokenFailure.Code();
        clientId ??= invocation.TransportClientId;
        if (failure.JsonRpcCode == McpErrorCodes.InsufficientScope)
        {
            audit.AuthorizationDenied(invocation.Surface, reason, clientId, invocation.RemoteAddress);
        }
        else
        {
            audit.AuthenticationFailed(invocation.Surface, reason, clientId, invocation.RemoteAddress);
        }

        return McpAuthorization.Refuse(failure);
    }

    private static byte[] AuthError(RequestId id, McpAuthFailure failure)
    {
        JsonObject? data = failure.JsonRpcCode switch
        {
            McpErrorCodes.InsufficientScope => new JsonObject
            {
                ["required"] = new JsonArray([.. Scopes.Names(failure.MissingScopes).Select(s => JsonValue.Create(s))]),
                ["granted"] = new JsonArray([.. Scopes.Names(failure.GrantedScopes).Select(s => JsonValue.Create(s))]),
            },
            McpErrorCodes.InvalidToken => new JsonObject { ["reason"] = failure.TokenFailure.Code() },
            _ => null,
        };
        return Error(id, failure.JsonRpcCode, failure.Message, data);
    }

    public static byte[] Error(RequestId id, McpErrorCode code, string message, JsonNode? data = null) =>
        JsonSerializer.SerializeToUtf8Bytes<JsonRpcMessage>(
            new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = (int)code, Message = message, Data = data } },
            Json.GetTypeInfo<JsonRpcMessage>());

    private static RequestId IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => new RequestId(id.GetString()!),
                JsonValueKind.Number when id.TryGetInt64(out var number) => new RequestId(number),
                _ => default,
            }
            : default;
}
