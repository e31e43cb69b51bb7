using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignMcp.Bridge.Stdio;

/// <summary>The little JSON-RPC the bridge needs itself: ids, errors it makes up, and <c>params.auth.token</c>.</summary>
public static class JsonRpc
{
    /// <summary>The bridge's own error codes: the server could not be reached, or too much is queued.</summary>
    public const int ServerUnavailable = -32000;
    public const int InvalidToken = -32003;
    public const int AuthenticationRequired = -32001;

    public static JsonNode? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A request expects an answer: it has a method and an id.</summary>
    public static bool IsRequest(JsonNode? message) => message is JsonObject body && body.ContainsKey("method") && body.ContainsKey("id");

    public static string Error(JsonNode? id, int code, string message) =>
        new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id?.DeepClone(),
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        }.ToJsonString();

    public static JsonNode? Id(JsonNode? message) => message is JsonObject body ? body["id"] : null;

    /// <summary>The error code of a JSON-RPC error response, if the text is one.</summary>
    public static int? ErrorCode(string? response) =>
        response is not null && Parse(response) is JsonObject body && body["error"] is JsonObject error && error["code"] is JsonValue code && code.TryGetValue<int>(out var value)
            ? value
            : null;

    /// <summary>Puts the token where the original server's clients put it, <c>params.auth.token</c>.</summary>
    public static string WithToken(JsonNode message, string token)
    {
        var copy = message.DeepClone();
        if (copy is JsonObject body && body.ContainsKey("method"))
        {
            if (body["params"] is not JsonObject parameters)
            {
                body["params"] = parameters = new JsonObject();
            }

            parameters["auth"] = new JsonObject { ["token"] = token };
        }

        return copy.ToJsonString();
    }

    public static string? ProtocolVersionOfInitializeResult(string response) =>
        Parse(response) is JsonObject body && body["result"] is JsonObject result && result["protocolVersion"] is JsonValue version && version.TryGetValue<string>(out var text)
            ? text
            : null;
}
