using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignMcp.Mcp;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.Mcp.Tools;

/// <summary><c>tools/list</c> and <c>tools/call</c> through the request processor, as a client sends them.</summary>
internal sealed class ToolCalls(McpTestServices services)
{
    public async Task<IReadOnlyDictionary<string, JsonElement>> ListAsync()
    {
        var result = await SendAsync("tools/list", new JsonObject());
        return result.GetProperty("tools").EnumerateArray().ToDictionary(tool => tool.GetProperty("name").GetString()!);
    }

    public Task<JsonElement> CallAsync(string tool, string arguments) =>
        SendAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = JsonNode.Parse(arguments) });

    public Task<JsonElement> CallAsync(string tool, JsonObject arguments) =>
        SendAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments.DeepClone() });

    /// <summary>The text of an <c>isError</c> result; fails when the call succeeded.</summary>
    public static string ErrorText(JsonElement result)
    {
        Assert.True(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), "expected an isError result, got " + result.GetRawText());
        return result.GetProperty("content")[0].GetProperty("text").GetString()!;
    }

    public static void AssertSucceeded(JsonElement result) =>
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText());

    private async Task<JsonElement> SendAsync(string method, JsonObject parameters)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters };
        var reply = await services.Processor.ProcessAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), new McpInvocation("test", services.Token(), null, "127.0.0.1"), CancellationToken.None);
        var root = JsonDocument.Parse(reply.Response!).RootElement.Clone();
        Assert.True(root.TryGetProperty("result", out var result), root.GetRawText());
        return result;
    }
}
