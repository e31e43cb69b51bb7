using System.Text;
using System.Text.Json;
using CampaignMcp.Mcp;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Serialization;
using CampaignMcp.TestSupport;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace CampaignMcp.Tests.Mcp;

/// <summary>
/// <c>tools/call</c> is written by this server in one pass: its bytes must be the SDK's own serialization
/// of the same result except for string escaping, and no larger; and the call stays inside its allocation budget.
/// </summary>
public sealed class ToolCallBytesTests(ITestOutputHelper output) : IDisposable
{
    private readonly McpTestServices services = new();

    public void Dispose() => services.Dispose();

    public static TheoryData<string, string> Calls => new()
    {
        { ListCampaignsTool.Name, """{"limit":50}""" },
        { ListCampaignsTool.Name, """{"limit":3,"text":"Tailspin","sort":"spend_desc"}""" },
        { GetCampaignTool.Name, """{"id":"cmp-0042"}""" },
        { CampaignPerformanceTool.Name, """{"group_by":"month"}""" },
        { ExportCampaignsTool.Name, """{"format":"csv","max_rows":20}""" },
        { ExportCampaignsTool.Name, """{"format":"json","max_rows":20}""" },
        { ListCampaignsTool.Name, """{"limit":"many"}""" },
        { GetCampaignTool.Name, """{"id":"cmp-9999"}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task The_written_reply_is_the_sdks_serialization_but_for_escaping(string tool, string arguments)
    {
        var body = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":""" + "\"" + tool + "\",\"arguments\":" + arguments + "}}";
        var written = (await services.Processor.ProcessAsync(Encoding.UTF8.GetBytes(body), Invocation(), CancellationToken.None)).Response!;

        using var document = JsonDocument.Parse(arguments);
        var argumentMap = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        var result = await services.Get<ToolInvoker>().InvokeAsync(tool, argumentMap, static (_, _, _) => ValueTask.CompletedTask, new CampaignMcp.Tokens.McpPrincipal("claude", CampaignMcp.Tokens.ScopeSet.All, null, null), CancellationToken.None);
        var options = McpJsonUtilities.DefaultOptions;
        var sdk = JsonSerializer.SerializeToUtf8Bytes<JsonRpcMessage>(
            new JsonRpcResponse { Id = new RequestId(7), Result = JsonSerializer.SerializeToNode(result.ToCallToolResult(), options.GetTypeInfo<CallToolResult>()) },
            options.GetTypeInfo<JsonRpcMessage>());

        Assert.Equal(JsonEscaping.Normalized(sdk), JsonEscaping.Normalized(written));
        Assert.True(written.Length <= sdk.Length, $"written {written.Length} B, the SDK's {sdk.Length} B");
    }

    [Fact]
    public async Task Text_content_is_not_escaped_beyond_what_json_requires()
    {
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"limit":2}}}""";
        var written = Encoding.UTF8.GetString((await services.Processor.ProcessAsync(Encoding.UTF8.GetBytes(body), Invocation(), CancellationToken.None)).Response!);
        Assert.DoesNotContain("\\u0022", written, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"{\\\"campaigns\\\":[", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_campaigns_page_of_50_allocates_under_64_KB_and_throws_nothing()
    {
        var body = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"limit":50}}}"""u8.ToArray();
        var invocation = Invocation();
        using var reply = new PooledBufferWriter();
        var sink = new CollectedMessages();
        var thread = Environment.CurrentManagedThreadId;
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                thrown++;
            }
        }

        for (var warmUp = 0; warmUp < 20; warmUp++)
        {
            reply.Clear();
            await services.Processor.ProcessAsync(body, invocation, reply, sink, CancellationToken.None);
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            const int Calls = 50;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var call = 0; call < Calls; call++)
            {
                reply.Clear();
                var pending = services.Processor.ProcessAsync(body, invocation, reply, sink, CancellationToken.None);
                // Completed on this thread, so the thread's allocation counter saw all of it (the embedded store does not yield).
                Assert.True(pending.IsCompleted);
                Assert.True((await pending).Answered);
            }

            var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
            output.WriteLine($"tools/call list_campaigns limit 50: {perCall:N0} B allocated per call, reply {reply.WrittenCount:N0} B");
            Assert.True(perCall <= 64 * 1024, $"{perCall} B allocated per call");
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(0, thrown);
    }

    private McpInvocation Invocation() => new("test", services.Token(), "2025-11-25", "127.0.0.1");
}
