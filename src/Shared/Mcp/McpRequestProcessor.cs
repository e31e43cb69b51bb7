using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignMcp.Serialization;
using CampaignMcp.Tokens;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// Transport-neutral MCP entry point: one transport message (a JSON-RPC message, or a batch where the
/// protocol version allows) plus what the transport knows, in; the reply, out. Every request and notification
/// passes <see cref="McpRequestAuthorizer"/> on its own before it is routed: to the tool call, a fixed reply,
/// or the SDK.
/// </summary>
public sealed class McpRequestProcessor(
    McpRequestAuthorizer authorizer,
    McpSdkDispatcher dispatcher,
    McpToolCall toolCall,
    McpFixedReplies fixedReplies,
    ILogger<McpRequestProcessor> logger)
{
    private static readonly JsonSerializerOptions Json = McpJsonUtilities.DefaultOptions;
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Processes one transport message and returns the reply as bytes, with the notifications sent before it.</summary>
    public async Task<McpProcessingResult> ProcessAsync(ReadOnlyMemory<byte> body, McpInvocation invocation, CancellationToken cancellationToken)
    {
        using var output = new PooledBufferWriter();
        var notifications = new CollectedMessages();
        var reply = await ProcessAsync(body, invocation, output, notifications, cancellationToken).ConfigureAwait(false);
        return new(reply.Answered ? output.WrittenSpan.ToArray() : null, reply.AuthFailure, notifications.Messages);
    }

    /// <summary>
    /// Processes one transport message: the reply is written to <paramref name="output"/> in one pass, and what the
    /// server sends before it (progress) goes to <paramref name="notifications"/> as it happens.
    /// </summary>
    public async Task<McpReply> ProcessAsync(ReadOnlyMemory<byte> body, McpInvocation invocation, IBufferWriter<byte> output, IMcpMessageSink notifications, CancellationToken cancellationToken)
    {
        if (body.Span.StartsWith(Utf8Bom))
        {
            // RFC 8259 §8.1 lets a parser ignore a byte order mark; some clients send one.
            body = body[Utf8Bom.Length..];
        }

        JsonDocument document;
        try
        {
            // Invalid UTF-8, escaped unpaired surrogates and duplicate property names are refused here, before anything reads the message.
            if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            {
                return Invalid(output, McpErrorCode.ParseError, "Parse error: the body is not valid UTF-8");
            }

            if (InteroperableJson.HasUnpairedSurrogateEscape(body.Span))
            {
                return Invalid(output, McpErrorCode.ParseError, "Parse error: the body escapes an unpaired surrogate (RFC 7493 §2.1)");
            }

            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return Invalid(output, McpErrorCode.ParseError, "Parse error: the body is not valid JSON (or repeats a property name)");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return await ProcessOneAsync(root, invocation, output, notifications, cancellationToken).ConfigureAwait(false);
            }

            if (!ProtocolVersions.AllowsBatches(invocation.ProtocolVersion))
            {
                return Invalid(output, McpErrorCode.InvalidRequest, $"JSON-RPC batches are not supported {(invocation.ProtocolVersion is null ? "without an MCP-Protocol-Version of 2025-03-26 or earlier" : $"in protocol version {invocation.ProtocolVersion}")}; send one message per request");
            }

            if (root.GetArrayLength() is 0 or > ProtocolVersions.MaximumBatchSize)
            {
                return Invalid(output, McpErrorCode.InvalidRequest, $"Invalid Request: a batch must hold 1 to {ProtocolVersions.MaximumBatchSize} messages");
            }

            foreach (var element in root.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("method"u8, out var method)
                    && method.ValueKind == JsonValueKind.String && method.ValueEquals(RequestMethods.Initialize))
                {
                    // 2025-03-26, lifecycle: "The initialization request MUST NOT be part of a JSON-RPC batch".
                    return Invalid(output, McpErrorCode.InvalidRequest, "Invalid Request: initialize must be sent on its own, not in a batch");
                }
            }

            var answered = false;
            using var scratch = new PooledBufferWriter();
            foreach (var element in root.EnumerateArray())
            {
                scratch.Clear();
                var reply = await ProcessOneAsync(element, invocation, scratch, notifications, cancellationToken).ConfigureAwait(false);
                if (reply.Answered)
                {
                    Write(output, answered ? ","u8 : "["u8);
                    Write(output, scratch.WrittenSpan);
                    answered = true;
                }
            }

            if (answered)
            {
                Write(output, "]"u8);
            }

            return new McpReply(answered);
        }
    }

    private async Task<McpReply> ProcessOneAsync(JsonElement element, McpInvocation invocation, IBufferWriter<byte> output, IMcpMessageSink notifications, CancellationToken cancellationToken)
    {
        JsonRpcMessage? message;
        try
        {
            message = element.ValueKind == JsonValueKind.Object ? element.Deserialize(Json.GetTypeInfo<JsonRpcMessage>()) : null;
        }
        catch (JsonException exception)
        {
            return Invalid(output, McpErrorCode.InvalidRequest, $"Invalid Request: {Describe(exception)}", IdOf(element));
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("params", out var parameters))
        {
            var problem = parameters.ValueKind is JsonValueKind.Object or JsonValueKind.Null
                ? AmbiguousMemberNames.Find(parameters) is var (first, second)
                    ? $"Invalid params: the member names '{first}' and '{second}' differ only in case, and MCP reads names without regard to case"
                    : null
                : "Invalid params: params must be an object";
            if (problem is not null)
            {
                // A notification gets no answer (JSON-RPC 2.0 §4.1); it would change nothing here anyway.
                if (message is not JsonRpcRequest malformed)
                {
                    return default;
                }

                Write(output, Error(malformed.Id, McpErrorCode.InvalidParams, problem));
                return new McpReply(true);
            }
        }

        switch (message)
        {
            case JsonRpcRequest request:
                return await ProcessRequestAsync(request, element, invocation, output, notifications, cancellationToken).ConfigureAwait(false);
            case JsonRpcNotification notification:
                // Stateless: a notification changes nothing here, but an unauthorized one is still refused.
                var notificationAccess = await authorizer.AuthorizeAsync(notification.Method, notification.Params, invocation).ConfigureAwait(false);
                return notificationAccess.IsAllowed ? default : new McpReply(false, notificationAccess.Refusal);
            case JsonRpcResponse or JsonRpcError:
                return default;
            default:
                return Invalid(output, McpErrorCode.InvalidRequest, "Invalid Request: expected a JSON-RPC 2.0 object", IdOf(element));
        }
    }

    private async Task<McpReply> ProcessRequestAsync(JsonRpcRequest request, JsonElement element, McpInvocation invocation, IBufferWriter<byte> output, IMcpMessageSink notifications, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(request.Method, request.Params, invocation).ConfigureAwait(false);
        if (!access.IsAllowed)
        {
            Write(output, AuthError(request.Id, access.Refusal));
            return new McpReply(true, access.Refusal);
        }

        var principal = access.Principal;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            McpLog.Dispatched(logger, invocation.Surface, request.Method, principal.Audit);
        }
        if (request.Method is RequestMethods.ResourcesSubscribe or RequestMethods.ResourcesUnsubscribe)
        {
            // The server does not declare resources.subscribe, so these methods do not exist here (the SDK would answer {}).
            Write(output, Error(request.Id, McpErrorCode.MethodNotFound, $"Method not found: {request.Method} (this server does not offer resource subscriptions)"));
            return new McpReply(true);
        }

        if (McpToolCall.Answers(invocation.ProtocolVersion))
        {
            if (request.Method == RequestMethods.ToolsCall)
            {
                await toolCall.WriteReplyAsync(request.Id, element, principal, output, notifications, cancellationToken).ConfigureAwait(false);
                return new McpReply(true);
            }

            if (fixedReplies.TryWriteReply(request.Method, request.Id, element, principal, output))
            {
                return new McpReply(true);
            }
        }

        request.Context = new JsonRpcMessageContext { User = new McpCaller(principal), ProtocolVersion = invocation.ProtocolVersion };
        McpDispatchOutput dispatched;
        try
        {
            dispatched = await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            // The SDK's transport reads initialize's params itself, outside the server's error handling:
            // a malformed clientInfo or protocolVersion throws there instead of being answered.
            Write(output, Error(request.Id, McpErrorCode.InvalidParams, $"Invalid params: {Describe(exception)}"));
            return new McpReply(true);
        }

        // The methods the SDK answers send nothing before their reply today; were one to, it would still arrive first.
        foreach (var notification in dispatched.Notifications)
        {
            await notifications.SendAsync(notification, cancellationToken).ConfigureAwait(false);
        }

        if (dispatched.Response is null)
        {
            return default;
        }

        Write(output, dispatched.Response);
        return new McpReply(true);
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

    private static McpReply Invalid(IBufferWriter<byte> output, McpErrorCode code, string message, RequestId id = default)
    {
        Write(output, Error(id, code, message));
        return new McpReply(true, IsInvalidMessage: true);
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    /// <summary>
    /// A JSON reader's message is fine to echo ("'x' is an invalid start of a value"), a serializer's is not: it names
    /// .NET types ("could not be converted to ModelContextProtocol.Protocol.JsonRpcMessage").
    /// </summary>
    private static string Describe(JsonException exception) =>
        exception.Message.Contains("ModelContextProtocol.", StringComparison.Ordinal) || exception.Message.Contains("System.", StringComparison.Ordinal)
            ? "the message does not have the shape of a JSON-RPC 2.0 request, notification or response"
            : exception.Message;

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
