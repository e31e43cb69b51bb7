using System.Diagnostics;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Mcp;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CampaignMcp.Benchmarks;

/// <summary>
/// --probe: quick stopwatch figures (not a benchmark) for questions a benchmark row raises: is the
/// library faster on a repeated token than on new ones, and where does a list_campaigns call spend its time.
/// </summary>
public static class Probe
{
    public static async Task RunAsync()
    {
        using var services = BenchmarkServices.Build();
        var validator = services.GetRequiredService<AccessTokenValidator>();
        var parameters = validator.Parameters!;
        var handler = new JsonWebTokenHandler();
        var tokens = Enumerable.Range(0, 20_000).Select(_ => BenchmarkServices.Token(services)).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var distinct = await TimeAsync(tokens.Length, i => handler.ValidateTokenAsync(tokens[i], parameters));
            var same = await TimeAsync(tokens.Length, _ => handler.ValidateTokenAsync(tokens[0], parameters));
            var app = await TimeAsync(tokens.Length, i => validator.ValidateAsync(tokens[i]).AsTask());
            Console.WriteLine($"library distinct tokens: {distinct:0} ns/op; one repeated token: {same:0} ns/op; app validator, distinct: {app:0} ns/op");
        }

        var store = services.GetRequiredService<ICampaignStore>();
        var tool = services.GetServices<ICampaignTool>().OfType<ListCampaignsTool>().Single();
        var processor = services.GetRequiredService<McpRequestProcessor>();
        var invocation = new McpInvocation("probe", tokens[0], "2025-11-25", "127.0.0.1");
        var arguments = new Dictionary<string, JsonElement> { ["limit"] = JsonDocument.Parse("50").RootElement };
        var body = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"limit":50}}}"""u8.ToArray();
        var ping = """{"jsonrpc":"2.0","id":2,"method":"ping"}"""u8.ToArray();
        for (var round = 0; round < 3; round++)
        {
            var query = await TimeAsync(2_000, _ => store.QueryAsync(CampaignFilter.All, CampaignSort.UpdatedAtDescending, null, 50, CancellationToken.None));
            var page = await store.QueryAsync(CampaignFilter.All, CampaignSort.UpdatedAtDescending, null, 50, CancellationToken.None);
            var serialize = await TimeAsync(2_000, _ => Task.FromResult(ToolResults.Structured(new CampaignListOutput(page.Items, 50, 600, null), McpToolJsonContext.Default.CampaignListOutput)));
            var toolCall = await TimeAsync(2_000, _ => tool.CallAsync(arguments, static (_, _, _) => ValueTask.CompletedTask, CancellationToken.None));
            var pingDispatch = await TimeAsync(2_000, _ => processor.ProcessAsync(ping, invocation, CancellationToken.None));
            var full = await TimeAsync(2_000, _ => processor.ProcessAsync(body, invocation, CancellationToken.None));
            Console.WriteLine($"list_campaigns(50): store query {query / 1000:0.0} µs; structured result {serialize / 1000:0.0} µs; tool call {toolCall / 1000:0.0} µs; SDK dispatch of ping {pingDispatch / 1000:0.0} µs; full dispatch {full / 1000:0.0} µs");
        }
    }

    private static async Task<double> TimeAsync<T>(int count, Func<int, Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await action(i);
        }

        return watch.Elapsed.TotalNanoseconds / count;
    }

    private static async Task<double> TimeAsync<T>(int count, Func<int, ValueTask<T>> action) => await TimeAsync(count, i => action(i).AsTask());
}
