using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Mcp;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol;

namespace CampaignMcp.Benchmarks;

/// <summary>
/// --probe [out.json]: stopwatch figures (not a benchmark) for the questions a benchmark row raises: where one
/// tools/call list_campaigns (page of 50) spends its time, what it allocates and throws, and what the token path
/// costs beside the library. Each stage is timed alone, warm, in the best of five rounds (the least disturbed on a
/// shared machine); the stages overlap (the tool call includes the query), so they do not add up to the whole.
/// </summary>
public static class Probe
{
    private const int Calls = 2_000;

    public static async Task RunAsync(string? outFile)
    {
        using var services = BenchmarkServices.Build();
        var stages = new Dictionary<string, double>();
        void Keep(string name, double ns) => stages[name] = stages.TryGetValue(name, out var best) ? Math.Min(best, ns) : ns;

        var validator = services.GetRequiredService<AccessTokenValidator>();
        var parameters = BenchmarkServices.LibraryParameters(services);
        var handler = new JsonWebTokenHandler();
        var tokens = Enumerable.Range(0, 20_000).Select(_ => BenchmarkServices.Token(services)).ToArray();
        var store = services.GetRequiredService<ICampaignStore>();
        var tool = services.GetServices<ICampaignTool>().OfType<ListCampaignsTool>().Single();
        var processor = services.GetRequiredService<McpRequestProcessor>();
        var invocation = new McpInvocation("probe", tokens[0], "2025-11-25", "127.0.0.1");
        var arguments = new Dictionary<string, JsonElement> { ["limit"] = JsonDocument.Parse("50").RootElement };
        var body = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"limit":50}}}"""u8.ToArray();
        var ping = """{"jsonrpc":"2.0","id":2,"method":"ping"}"""u8.ToArray();
        var page = await store.QueryAsync(CampaignFilter.All, CampaignSort.UpdatedAtDescending, null, 50, CancellationToken.None);
        var result = (await tool.CallAsync(arguments, static (_, _, _) => ValueTask.CompletedTask, CancellationToken.None)).ToCallToolResult();
        var resultType = McpJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType());
        var node = JsonSerializer.SerializeToNode(result, resultType)!;
        var sink = new ArrayBufferWriter<byte>(64 * 1024);
        using var keyRing = new HmacKeyRing(services.GetRequiredService<SigningKey>().ValidationKeys);
        var secret = System.Text.Encoding.UTF8.GetBytes(BenchmarkServices.Secret);
        var signingInputs = tokens.Take(1_000).Select(token => System.Text.Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')])).ToArray();
        var issuer = System.Text.Encoding.UTF8.GetBytes(services.GetRequiredService<TokenSettings>().Issuer);
        var audience = System.Text.Encoding.UTF8.GetBytes(services.GetRequiredService<TokenSettings>().Audience);
        for (var round = 0; round < 5; round++)
        {
            await validator.ValidateAsync(tokens[0]);
            Keep("token: JsonWebTokenHandler, a new token each time", await TimeAsync(tokens.Length, i => handler.ValidateTokenAsync(tokens[i], parameters)));
            Keep("token: JsonWebTokenHandler, one token repeated", await TimeAsync(tokens.Length, _ => handler.ValidateTokenAsync(tokens[0], parameters)));
            // A fresh validator each round, so that every token is a cache miss (first seen), as in benchmark 3a.
            var fresh = new AccessTokenValidator(services.GetRequiredService<TokenSettings>(), services.GetRequiredService<SigningKey>(),
                services.GetRequiredService<CampaignMcp.Tokens.Revocation.RevocationList>(), TimeProvider.System);
            Keep("token: AccessTokenValidator, a new token each time (first seen)", await TimeAsync(tokens.Length, i => fresh.ValidateAsync(tokens[i])));
            Keep("token: HMAC-SHA256 one-shot (HMACSHA256.HashData, the floor row)", await TimeAsync(tokens.Length, i => Task.FromResult(HMACSHA256.HashData(secret, signingInputs[i % signingInputs.Length]))));
            Keep("token: HMAC-SHA256 with the reader's keyed context, reused per thread", await TimeAsync(tokens.Length, i => Task.FromResult(keyRing.Verify(0, signingInputs[i % signingInputs.Length], []))));
            Keep("token: AccessTokenReader alone (header, signature, claims)", await TimeAsync(tokens.Length, i => Task.FromResult(AccessTokenReader.Read(tokens[i], keyRing, issuer, audience, out _))));
            Keep("store query (page of 50)", await TimeAsync(Calls, _ => store.QueryAsync(CampaignFilter.All, CampaignSort.UpdatedAtDescending, null, 50, CancellationToken.None)));
            Keep("structured result: ToolResult.Structured (serialized once when written)", await TimeAsync(Calls, _ => Task.FromResult(ToolResult.Structured(new CampaignListOutput(page.Items, 50, 600, null), McpToolJsonContext.Default.CampaignListOutput))));
            Keep("the tool's CallAsync (query + structured result)", await TimeAsync(Calls, _ => tool.CallAsync(arguments, static (_, _, _) => ValueTask.CompletedTask, CancellationToken.None)));
            Keep("SDK-style CallToolResult -> JsonNode", await TimeAsync(Calls, _ => Task.FromResult(JsonSerializer.SerializeToNode(result, resultType))));
            Keep("SDK-style JsonNode -> UTF-8 (default encoder)", await TimeAsync(Calls, _ =>
            {
                sink.ResetWrittenCount();
                using var writer = new Utf8JsonWriter(sink);
                node.WriteTo(writer, McpJsonUtilities.DefaultOptions);
                writer.Flush();
                return Task.FromResult(sink.WrittenCount);
            }));
            Keep("dispatch of ping through the processor (parse, authorize, write the reply)", await TimeAsync(Calls, _ => processor.ProcessAsync(ping, invocation, CancellationToken.None)));
            Keep("whole tools/call through the processor", await TimeAsync(Calls, _ => processor.ProcessAsync(body, invocation, CancellationToken.None)));
        }

        // Allocation and exceptions of the whole call, counted over many calls.
        long thrown = 0;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, _) => Interlocked.Increment(ref thrown);
        AppDomain.CurrentDomain.FirstChanceException += count;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var responseBytes = 0;
        for (var i = 0; i < Calls; i++)
        {
            responseBytes = (await processor.ProcessAsync(body, invocation, CancellationToken.None)).Response?.Length ?? 0;
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)Calls;
        AppDomain.CurrentDomain.FirstChanceException -= count;

        foreach (var (name, ns) in stages)
        {
            Console.WriteLine($"{name}: {ns / 1000:0.0} µs");
        }

        Console.WriteLine($"whole tools/call: {allocated / 1024:0.0} KiB allocated, {thrown / (double)Calls:0.##} exceptions thrown, {responseBytes} response bytes");
        if (outFile is not null)
        {
            await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(new
            {
                stages_ns = stages,
                allocated_bytes_per_call = allocated,
                exceptions_per_call = thrown / (double)Calls,
                response_bytes = responseBytes,
            }));
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
