using System.Buffers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CampaignMcp.SignalR;

/// <summary>
/// SignalR JSON hub protocol for upstream bodies and completions, through ASP.NET Core's own
/// <see cref="JsonHubProtocol"/>. Upstream bodies arrive without the 0x1E record separator; a
/// completion written back must carry it, or the client waits forever.
/// https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/HubProtocol.md
/// </summary>
public static class HubMessages
{
    public const byte RecordSeparator = 0x1E;
    private static readonly JsonHubProtocol Protocol = new();

    /// <summary>
    /// Parses one upstream message body. The service sends no record separator today, but one trailing
    /// separator is tolerated, as Microsoft's serverless handler (the Functions SignalR extension) tolerates
    /// it. Null when it is not one hub message.
    /// </summary>
    public static HubMessage? Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > 0 && body[^1] == RecordSeparator)
        {
            body = body[..^1];
        }

        if (!IsOneJsonObject(body))
        {
            return null;
        }

        var framed = new byte[body.Length + 1];
        body.CopyTo(framed);
        framed[^1] = RecordSeparator;
        var sequence = new ReadOnlySequence<byte>(framed);
        try
        {
            return Protocol.TryParseMessage(ref sequence, ContractBinder.Instance, out var message) && sequence.IsEmpty ? message : null;
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            // JsonHubProtocol reports most malformed messages as InvalidDataException, but lets the JSON reader's own
            // exceptions through: a streamIds item that is not a string, a type past Int32.
            return null;
        }
    }

    /// <summary>The protocol reader stops at the end of the first object; anything after it is refused here.</summary>
    private static bool IsOneJsonObject(ReadOnlySpan<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body) || Serialization.InteroperableJson.HasUnpairedSurrogateEscape(body))
        {
            return false;
        }

        var reader = new System.Text.Json.Utf8JsonReader(body);
        try
        {
            return reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>A completion framed for the client: JSON plus 0x1E.</summary>
    public static byte[] Completion(string invocationId, string? result) =>
        Protocol.GetMessageBytes(CompletionMessage.WithResult(invocationId, result)).ToArray();

    public static byte[] CompletionError(string invocationId, string error) =>
        Protocol.GetMessageBytes(CompletionMessage.WithError(invocationId, error)).ToArray();

    /// <summary>An invocation as the service forwards it upstream: JSON without the separator.</summary>
    public static byte[] Invocation(string? invocationId, string target, IReadOnlyList<object?> arguments)
    {
        var bytes = Protocol.GetMessageBytes(new InvocationMessage(invocationId, target, [.. arguments])).ToArray();
        return bytes[..^1];
    }

    /// <summary>Parses a framed completion (the stand-in reads what the upstream answered).</summary>
    public static CompletionMessage? ParseCompletion(byte[] framed)
    {
        var sequence = new ReadOnlySequence<byte>(framed);
        try
        {
            return Protocol.TryParseMessage(ref sequence, ContractBinder.Instance, out var message) ? message as CompletionMessage : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The hub contract: <c>jsonrpc(string)</c> returning a string. Anything else fails to bind.</summary>
    private sealed class ContractBinder : IInvocationBinder
    {
        public static readonly ContractBinder Instance = new();

        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            string.Equals(methodName, HubContract.JsonRpcMethod, StringComparison.OrdinalIgnoreCase)
                ? [typeof(string)]
                : throw new HubException($"Unknown hub method '{methodName}'; the hub has one method: {HubContract.JsonRpcMethod}(message: string)");

        public Type GetReturnType(string invocationId) => typeof(string);

        public Type GetStreamItemType(string streamId) => typeof(string);
    }
}
