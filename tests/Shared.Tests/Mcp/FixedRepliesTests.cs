using System.Text;
using CampaignMcp.Mcp;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Tests.Mcp;

/// <summary>
/// <c>ping</c> and <c>tools/list</c> are answered without the per-call SDK server: the replies must be
/// what the SDK answers for the same caller, except for escaping, and a request the SDK refuses still goes to it.
/// </summary>
public sealed class FixedRepliesTests : IDisposable
{
    private readonly McpTestServices services = new();

    public void Dispose() => services.Dispose();

    public static TheoryData<string, int> Requests()
    {
        var data = new TheoryData<string, int>();
        foreach (var method in new[] { RequestMethods.Ping, RequestMethods.ToolsList })
        {
            for (var scopes = 1; scopes <= (int)ScopeSet.All; scopes++)
            {
                data.Add(method, scopes);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_reply_is_the_sdks_for_the_same_caller_but_for_escaping(string method, int scopeFlags)
    {
        var scopes = (ScopeSet)scopeFlags;
        var token = services.Token([.. Scopes.Names(scopes)]);
        var written = await ReplyAsync("""{"jsonrpc":"2.0","id":"r-1","method":""" + "\"" + method + "\"" + ""","params":{"_meta":{"note":"ignored"}}}""", token);

        var request = new JsonRpcRequest
        {
            Id = new RequestId("r-1"),
            Method = method,
            Context = new JsonRpcMessageContext { User = new McpCaller(new McpPrincipal("claude", scopes, null, null)), ProtocolVersion = "2025-11-25" },
        };
        var sdk = (await services.Get<McpSdkDispatcher>().DispatchAsync(request, CancellationToken.None)).Response!;

        Assert.Equal(JsonEscaping.Normalized(sdk), JsonEscaping.Normalized(written));
        Assert.True(written.Length <= sdk.Length, $"written {written.Length} B, the SDK's {sdk.Length} B");
    }

    [Fact]
    public async Task Tools_list_shows_each_caller_only_the_tools_its_scopes_can_call()
    {
        var readOnly = Encoding.UTF8.GetString(await ReplyAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", services.Token(Scopes.CampaignsRead)));
        var caller = Encoding.UTF8.GetString(await ReplyAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", services.Token(Scopes.CampaignsRead, Scopes.ToolsCall)));
        var exporter = Encoding.UTF8.GetString(await ReplyAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", services.Token(Scopes.All.ToArray())));

        Assert.Equal("""{"result":{"tools":[]},"id":1,"jsonrpc":"2.0"}""", readOnly);
        Assert.Contains("\"name\":\"list_campaigns\"", caller, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\":\"export_campaigns\"", caller, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"export_campaigns\"", exporter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":"abc"}}""", "Invalid cursor")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":12}}""", "\"code\":-32")]
    public async Task A_tools_list_with_a_cursor_is_still_refused(string body, string expected)
    {
        var reply = Encoding.UTF8.GetString(await ReplyAsync(body, services.Token()));
        Assert.Contains("\"error\"", reply, StringComparison.Ordinal);
        Assert.Contains(expected, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ping_with_a_null_cursor_param_or_none_at_all_is_answered()
    {
        Assert.Equal("""{"result":{},"id":5,"jsonrpc":"2.0"}""", Encoding.UTF8.GetString(await ReplyAsync("""{"jsonrpc":"2.0","id":5,"method":"ping"}""", services.Token())));
        Assert.StartsWith("""{"result":{"tools":[""", Encoding.UTF8.GetString(await ReplyAsync("""{"jsonrpc":"2.0","id":5,"method":"tools/list","params":{"cursor":null}}""", services.Token())), StringComparison.Ordinal);
    }

    private async Task<byte[]> ReplyAsync(string body, string token) =>
        (await services.Processor.ProcessAsync(Encoding.UTF8.GetBytes(body), new McpInvocation("test", token, "2025-11-25", "127.0.0.1"), CancellationToken.None)).Response!;
}
