using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// How this server writes JSON-RPC messages itself (the hot path): the SDK's member names and order, with
/// relaxed escaping. Relaxed escaping leaves <c>"</c>, <c>'</c>, <c>&lt;</c>, <c>+</c> and non-ASCII text
/// unescaped (JSON only requires quotes, backslashes and control characters to be), which is safe because these
/// bytes are only ever served as <c>application/json</c> or <c>text/event-stream</c>, never embedded in HTML.
/// https://learn.microsoft.com/dotnet/standard/serialization/system-text-json/character-encoding
/// </summary>
public static class McpJson
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder, SkipValidation = true };

    private static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText JsonRpc = JsonEncodedText.Encode("jsonrpc");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("2.0");

    /// <summary>
    /// <c>{"result":…,"id":…,"jsonrpc":"2.0"}</c>, the order in which the SDK serializes a <see cref="JsonRpcResponse"/>,
    /// with the result written by <paramref name="writeResult"/> in the same pass.
    /// </summary>
    public static void WriteResponse<TState>(IBufferWriter<byte> output, RequestId id, TState state, Action<Utf8JsonWriter, TState> writeResult)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WritePropertyName(Result);
        writeResult(writer, state);
        writer.WritePropertyName(Id);
        JsonSerializer.Serialize(writer, id, McpJsonUtilities.DefaultOptions.GetTypeInfo<RequestId>());
        writer.WriteString(JsonRpc, Version);
        writer.WriteEndObject();
    }

    /// <summary>Any JSON-RPC message through the SDK's own contract, with relaxed escaping.</summary>
    public static void WriteMessage(IBufferWriter<byte> output, JsonRpcMessage message)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        JsonSerializer.Serialize(writer, message, McpJsonUtilities.DefaultOptions.GetTypeInfo<JsonRpcMessage>());
    }
}
