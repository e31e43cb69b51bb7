using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>What each surface receives from the network, as generators: valid messages, their mutations, and noise.</summary>
public static class BodyInputs
{
    /// <summary>One valid message per MCP method this server answers, plus a notification and a client response.</summary>
    public static readonly IReadOnlyList<string> McpRequests =
    [
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}""",
        """{"jsonrpc":"2.0","id":2,"method":"ping"}""",
        """{"jsonrpc":"2.0","id":"a","method":"tools/list","params":{"cursor":null}}""",
        """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"channel":"email","limit":5,"sort":"spend_desc","status":["active"],"min_spend":10}}}""",
        """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get_campaign","arguments":{"id":"cmp-0001"},"_meta":{"progressToken":"p1"}}}""",
        """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"campaign_performance","arguments":{"group_by":"month","start_date":"2025-01-01"}}}""",
        """{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"export_campaigns","arguments":{"max_rows":3,"format":"json"},"_meta":{"progressToken":7}}}""",
        """{"jsonrpc":"2.0","id":7,"method":"resources/list","params":{}}""",
        """{"jsonrpc":"2.0","id":8,"method":"resources/read","params":{"uri":"campaign://cmp-0002"}}""",
        """{"jsonrpc":"2.0","id":9,"method":"resources/templates/list"}""",
        """{"jsonrpc":"2.0","id":10,"method":"prompts/list"}""",
        """{"jsonrpc":"2.0","id":11,"method":"prompts/get","params":{"name":"diagnose_campaign","arguments":{"campaign_id":"cmp-0042"}}}""",
        """{"jsonrpc":"2.0","id":12,"method":"completion/complete","params":{"ref":{"type":"ref/resource","uri":"campaign://{id}"},"argument":{"name":"id","value":"cmp-00"}}}""",
        """{"jsonrpc":"2.0","id":13,"method":"logging/setLevel","params":{"level":"debug"}}""",
        """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
        """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}""",
        """{"jsonrpc":"2.0","id":14,"result":{}}""",
    ];

    public static readonly IReadOnlyList<string> TokenRequests =
    [
        """{"client_id":"claude","scope":["campaigns:read","campaigns:export","tools:call"]}""",
        """{"client_id":"claude","scope":"campaigns:read tools:call"}""",
        """{"client_id":"cursor"}""",
        """{"client_id":"claude","scope":null}""",
    ];

    /// <summary>RFC 7591 registration requests as MCP clients send them (every member this server reads).</summary>
    public static readonly IReadOnlyList<string> RegistrationRequests =
    [
        """{"client_name":"MCP Inspector","redirect_uris":["http://localhost:6274/oauth/callback"],"grant_types":["authorization_code","refresh_token"],"response_types":["code"],"token_endpoint_auth_method":"none","application_type":"native"}""",
        """{"redirect_uris":["http://127.0.0.1:9999/cb"]}""",
        """{"client_name":"Web","redirect_uris":["https://app.example.com/cb"],"client_uri":"https://app.example.com","logo_uri":"https://app.example.com/logo.png","application_type":"web"}""",
        """{"client_name":"SDK","redirect_uris":["com.example.app:/cb"],"token_endpoint_auth_method":"client_secret_post","scope":"campaigns:read"}""",
    ];

    /// <summary>SignalR JSON hub protocol messages as the service forwards them upstream (no record separator).</summary>
    public static readonly IReadOnlyList<string> HubMessages =
    [
        """{"type":1,"invocationId":"5","target":"jsonrpc","arguments":["{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"]}""",
        """{"type":1,"target":"jsonrpc","arguments":["{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"]}""",
        """{"type":1,"invocationId":"6","target":"deleteAll","arguments":[1,{"a":2}]}""",
        """{"type":1,"invocationId":"7","target":"jsonrpc","arguments":["{}"],"streamIds":["s1"],"headers":{"a":"b"}}""",
        """{"type":4,"invocationId":"8","target":"jsonrpc","arguments":["x"]}""",
        """{"type":2,"invocationId":"9","item":"x"}""",
        """{"type":3,"invocationId":"1","result":"x"}""",
        """{"type":5,"invocationId":"1"}""",
        """{"type":6}""",
        """{"type":7,"error":"bye","allowReconnect":true}""",
    ];

    /// <summary>
    /// Every kind of MCP body: valid messages (one in five), structurally and textually mutated ones,
    /// batches, params.auth tokens, random JSON, deep nesting, invalid UTF-8, random bytes.
    /// </summary>
    public static Gen<byte[]> McpBodies(string token)
    {
        var valid = Gen.OneOf([.. McpRequests]);
        var withAuth = Gen.Select(valid, Gen.OneOf(JsonSerializer.Serialize(token), "\"\"", "null", "42", "{}", "\"not-a-token\"")).Select(WithBodyToken);
        var mutated = StructuralMutationsOf(Gen.Frequency((3, valid), (1, withAuth)));
        var message = Gen.Frequency((2, valid), (1, withAuth), (6, mutated));
        var batch = message.Array[0, 12].Select(messages => "[" + string.Join(",", messages) + "]");
        return Gen.Frequency((5, Bodies(message)), (1, batch.Select(Encoding.UTF8.GetBytes)));
    }

    /// <summary>Bodies for the token endpoint: valid, mutated (including invalid UTF-8 inside strings), random.</summary>
    public static Gen<byte[]> TokenRequestBodies()
    {
        var valid = Gen.OneOf([.. TokenRequests]);
        return Bodies(Gen.Frequency((1, valid), (4, StructuralMutationsOf(valid))));
    }

    /// <summary>Bodies for client registration: valid, mutated (lone surrogate escapes, repeated members), random.</summary>
    public static Gen<byte[]> RegistrationBodies()
    {
        var valid = Gen.OneOf([.. RegistrationRequests]);
        return Bodies(Gen.Frequency((1, valid), (4, StructuralMutationsOf(valid))));
    }

    /// <summary>Upstream bodies: hub messages, mutated, some carrying a mutated MCP message as the invocation argument.</summary>
    public static Gen<byte[]> HubMessageBodies(string token)
    {
        var valid = Gen.OneOf([.. HubMessages]);
        var carrying = McpBodies(token).Select(mcp =>
            "{\"type\":1,\"invocationId\":\"1\",\"target\":\"jsonrpc\",\"arguments\":[" + JsonSerializer.Serialize(Encoding.UTF8.GetString(mcp)) + "]}");
        return Bodies(Gen.Frequency((2, valid), (3, carrying), (4, StructuralMutationsOf(valid))));
    }

    /// <summary>
    /// Placeholder for the OAuth form-body parser (<c>grant_type=client_credentials|refresh_token</c>) being
    /// written on main: <c>application/x-www-form-urlencoded</c> bodies, valid, mutated and random, ready for its fuzz test.
    /// </summary>
    public static Gen<byte[]> FormBodies()
    {
        var valid = Gen.OneOf(
            "grant_type=client_credentials&client_id=claude&scope=campaigns%3Aread+tools%3Acall",
            "grant_type=client_credentials&client_id=claude&client_secret=x",
            "grant_type=refresh_token&refresh_token=abc.def&client_id=claude",
            "grant_type=refresh_token&refresh_token=");
        var noise = Gen.String[Gen.Char["=&%+;abcdefgh_0123456789ABCDEF:. \r\n"], 0, 200];
        var mutated = Gen.Select(valid, Gen.Int, Gen.Int[1, 4], Gen.OneOf("&", "=", "%", "%ZZ", "%C3%28", "%00", "grant_type=", "&grant_type=refresh_token", "+", "%u00e9").Array[4])
            .Select((form, seed, count, values) => FuzzInputs.MutateText(form, new Random(seed), count, values));
        return Gen.Frequency(
            (2, valid.Select(Encoding.UTF8.GetBytes)),
            (5, mutated.Select(Encoding.UTF8.GetBytes)),
            (2, FuzzInputs.Utf8MutationsOf(valid)),
            (1, noise.Select(Encoding.UTF8.GetBytes)),
            (1, FuzzInputs.Bytes));
    }

    /// <summary>Messages as bodies, half of them damaged at the text or byte level, then random JSON, deep nesting and random bytes.</summary>
    private static Gen<byte[]> Bodies(Gen<string> messages) => Gen.Frequency(
        (6, messages.Select(Encoding.UTF8.GetBytes)),
        (2, FuzzInputs.TextMutationsOf(messages).Select(Encoding.UTF8.GetBytes)),
        (2, FuzzInputs.Utf8MutationsOf(messages)),
        (1, FuzzInputs.Json.Select(Encoding.UTF8.GetBytes)),
        (1, FuzzInputs.DeepJson.Select(Encoding.UTF8.GetBytes)),
        (1, FuzzInputs.Bytes));

    /// <summary>The original server's <c>params.auth.token</c>; any JSON value stands for the token.</summary>
    private static string WithBodyToken(string json, string token)
    {
        var message = JsonNode.Parse(json)!.AsObject();
        if (message["params"] is not JsonObject parameters)
        {
            message["params"] = parameters = [];
        }

        parameters["auth"] = new JsonObject { ["token"] = JsonNode.Parse(token) };
        return message.ToJsonString();
    }

    /// <summary>Valid JSON documents damaged structurally (<see cref="JsonMutation"/>), still valid JSON.</summary>
    public static Gen<string> StructuralMutationsOf(Gen<string> valid) =>
        Gen.Select(valid, Gen.Int, Gen.Int[1, 3], FuzzInputs.JsonValue(2).Array[4]).Select((json, seed, count, values) => JsonMutation.Apply(json, new Random(seed), count, values));
}
