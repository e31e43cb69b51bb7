using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Tokens;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// <c>ping</c> and <c>tools/list</c> answered without a per-call SDK server, because clients send them often and their
/// results depend on nothing but the caller's scopes: ping's is <c>{}</c>, tools/list's is serialized once per scope
/// set with the SDK's own contract and copied into each reply. A <c>tools/list</c> with a cursor still goes to the SDK,
/// which refuses it (one page, no cursors); a test compares these replies with the SDK's bytes.
/// https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/ping,
/// https://modelcontextprotocol.io/specification/2025-11-25/server/tools#listing-tools
/// </summary>
public sealed class McpFixedReplies(ToolCatalog tools)
{
    private static ReadOnlySpan<byte> EmptyResult => "{}"u8;

    private readonly ConcurrentDictionary<ScopeSet, byte[]> toolLists = new();

    /// <summary>Writes the reply when <paramref name="method"/> is one of these; false leaves the request to the SDK.</summary>
    public bool TryWriteReply(string method, RequestId id, JsonElement request, McpPrincipal caller, IBufferWriter<byte> output)
    {
        switch (method)
        {
            case RequestMethods.Ping:
                McpJson.WriteResponse(output, id, 0, static (writer, _) => writer.WriteRawValue(EmptyResult, skipInputValidation: true));
                return true;
            case RequestMethods.ToolsList when !HasCursor(request):
                var result = toolLists.GetOrAdd(caller.Scopes, static (scopes, catalog) => ListFor(catalog, scopes), tools);
                McpJson.WriteResponse(output, id, result, static (writer, bytes) => writer.WriteRawValue(bytes, skipInputValidation: true));
                return true;
            default:
                return false;
        }
    }

    private static bool HasCursor(JsonElement request) =>
        request.TryGetProperty("params"u8, out var parameters) && parameters.ValueKind == JsonValueKind.Object
        && parameters.TryGetProperty("cursor"u8, out var cursor) && cursor.ValueKind != JsonValueKind.Null;

    private static byte[] ListFor(ToolCatalog catalog, ScopeSet scopes)
    {
        using var buffer = new Serialization.PooledBufferWriter(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, McpJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, new ListToolsResult { Tools = catalog.CallableWith(scopes) }, McpJsonUtilities.DefaultOptions.GetTypeInfo<ListToolsResult>());
        }

        return buffer.WrittenSpan.ToArray();
    }
}
