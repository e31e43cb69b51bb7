using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Serialization;
using CampaignMcp.Tokens;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// <c>tools/call</c> answered by this server rather than the SDK, because it is the hot path: the arguments are read
/// from the request as parsed once, the tool's result is written once into the transport's buffer (see
/// <see cref="StructuredToolResult{T}"/>), and progress goes to the transport as it happens. Replies keep the SDK's
/// bytes except for escaping (a test compares them). https://modelcontextprotocol.io/specification/2025-11-25/server/tools#calling-tools
/// </summary>
public sealed class McpToolCall(ToolInvoker invoker)
{
    private static readonly ToolProgress NoProgress = static (_, _, _) => ValueTask.CompletedTask;

    /// <summary>
    /// From 2026-07-28 a request carries its protocol version in <c>_meta</c> and may be answered with an
    /// input-required result: the SDK keeps those versions.
    /// </summary>
    public static bool Answers(string? protocolVersion) =>
        protocolVersion is null || string.CompareOrdinal(protocolVersion, ProtocolVersions.VersionedRequests) < 0;

    public async Task WriteReplyAsync(RequestId id, JsonElement request, McpPrincipal caller, IBufferWriter<byte> output, IMcpMessageSink sink, CancellationToken cancellationToken)
    {
        if (!TryRead(request, out var name, out var arguments, out var progressToken, out var problem))
        {
            McpJson.WriteMessage(output, new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = (int)McpErrorCode.InvalidParams, Message = problem } });
            return;
        }

        var progress = progressToken is { } token
            ? (done, total, message) => SendProgressAsync(sink, token, done, total, message, cancellationToken)
            : NoProgress;
        ToolResult result;
        try
        {
            result = await invoker.InvokeAsync(name, arguments, progress, caller, cancellationToken).ConfigureAwait(false);
        }
        catch (McpProtocolException exception)
        {
            McpJson.WriteMessage(output, new JsonRpcError
            {
                Id = id,
                Error = new JsonRpcErrorDetail { Code = (int)exception.ErrorCode, Message = exception.Message, Data = McpProtocolErrors.DataOf(exception) },
            });
            return;
        }

        McpJson.WriteResponse(output, id, result, static (writer, value) => value.WriteTo(writer));
    }

    /// <summary>
    /// Reads <c>params</c> as the SDK's <c>CallToolRequestParams</c> would, but answers a malformed one with -32602
    /// where the SDK's failed deserialization becomes a -32603 (JSON-RPC 2.0 §5.1: invalid params).
    /// </summary>
    private static bool TryRead(
        JsonElement request,
        [NotNullWhen(true)] out string? name,
        out Dictionary<string, JsonElement>? arguments,
        out ProgressToken? progressToken,
        [NotNullWhen(false)] out string? problem)
    {
        name = null;
        arguments = null;
        progressToken = null;
        if (!request.TryGetProperty("params"u8, out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            problem = "params.name is required";
            return false;
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            problem = "Invalid params: params must be an object with the tool's name and arguments";
            return false;
        }

        if (!parameters.TryGetProperty("name"u8, out var nameElement) || nameElement.ValueKind == JsonValueKind.Null)
        {
            problem = "params.name is required";
            return false;
        }

        if (nameElement.ValueKind != JsonValueKind.String)
        {
            problem = "Invalid params: params.name must be a string";
            return false;
        }

        if (parameters.TryGetProperty("arguments"u8, out var argumentsElement) && argumentsElement.ValueKind != JsonValueKind.Null)
        {
            if (argumentsElement.ValueKind != JsonValueKind.Object)
            {
                problem = "Invalid params: params.arguments must be an object";
                return false;
            }

            arguments = [];
            foreach (var argument in argumentsElement.EnumerateObject())
            {
                arguments[argument.Name] = argument.Value;
            }
        }

        if (parameters.TryGetProperty("_meta"u8, out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("progressToken"u8, out var token) && token.ValueKind != JsonValueKind.Null)
        {
            if (token.ValueKind == JsonValueKind.String)
            {
                progressToken = new ProgressToken(token.GetString()!);
            }
            else if (token.ValueKind == JsonValueKind.Number && token.TryGetInt64(out var number))
            {
                progressToken = new ProgressToken(number);
            }
            else
            {
                problem = "Invalid params: _meta.progressToken must be a string or an integer";
                return false;
            }
        }

        name = nameElement.GetString()!;
        problem = null;
        return true;
    }

    private static async ValueTask SendProgressAsync(IMcpMessageSink sink, ProgressToken token, long done, long? total, string message, CancellationToken cancellationToken)
    {
        var notification = new JsonRpcNotification
        {
            Method = NotificationMethods.ProgressNotification,
            Params = JsonSerializer.SerializeToNode(
                new ProgressNotificationParams { ProgressToken = token, Progress = new ProgressNotificationValue { Progress = done, Total = total, Message = message } },
                McpJsonUtilities.DefaultOptions.GetTypeInfo<ProgressNotificationParams>()),
        };
        using var buffer = new PooledBufferWriter(512);
        McpJson.WriteMessage(buffer, notification);
        await sink.SendAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
