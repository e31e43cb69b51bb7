using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using CampaignMcp.Mcp;
using CampaignMcp.SignalR;
using CampaignMcp.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Benchmarks;

/// <summary>
/// The per-invocation path, measured next to its floor (one HMAC-SHA256 over the token's signing
/// input) and its library baseline (IdentityModel with the app's own validation parameters).
/// </summary>
[MemoryDiagnoser]
public class PerInvocationBenchmarks
{
    private const int FirstSeenPool = 25_000;
    private ServiceProvider services = null!;
    private AccessTokenValidator validator = null!;
    private TokenIssuer issuer = null!;
    private McpRequestProcessor processor = null!;
    private UpstreamEndpoint upstream = null!;
    private JsonWebTokenHandler handler = null!;
    private TokenValidationParameters parameters = null!;
    private string token = null!;
    private string[] freshTokens = null!;
    private int next;
    private int nextLibrary;
    private byte[] signingInput = null!;
    private byte[] key = null!;
    private byte[] toolsList = null!;
    private byte[] listCampaigns50 = null!;
    private byte[] upstreamBody = null!;
    private string signature = null!;
    private string claims = null!;
    private McpInvocation invocation = null!;

    [GlobalSetup]
    public void Setup()
    {
        services = BenchmarkServices.Build();
        validator = services.GetRequiredService<AccessTokenValidator>();
        issuer = services.GetRequiredService<TokenIssuer>();
        processor = services.GetRequiredService<McpRequestProcessor>();
        upstream = services.GetRequiredService<UpstreamEndpoint>();
        handler = new JsonWebTokenHandler();
        parameters = BenchmarkServices.LibraryParameters(services);
        token = BenchmarkServices.Token(services);
        freshTokens = Enumerable.Range(0, FirstSeenPool).Select(_ => BenchmarkServices.Token(services)).ToArray();
        signingInput = Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
        key = Encoding.UTF8.GetBytes(BenchmarkServices.Secret);
        toolsList = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""u8.ToArray();
        listCampaigns50 = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_campaigns","arguments":{"limit":50}}}"""u8.ToArray();
        invocation = new McpInvocation("bench", token, "2025-11-25", "127.0.0.1");
        upstreamBody = HubMessages.Invocation("1", HubContract.JsonRpcMethod, ["""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""]);
        signature = UpstreamSignature.Sign("conn-1", BenchmarkServices.AccessKey);
        claims = "asrs.s.uid: claude, mcp.token: " + services.GetRequiredService<McpTokenBinding>().Seal(token);
        validator.ValidateAsync(token).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark(Description = "1. floor: HMAC-SHA256 over the signing input")]
    public byte[] HmacFloor() => HMACSHA256.HashData(key, signingInput);

    // The baseline of "first seen": a new token each time, from the same pool as 3a (one repeated token runs
    // faster, its text and claims hot in the caches, so it stays as a row of its own).
    [Benchmark(Description = "2. library: JsonWebTokenHandler.ValidateTokenAsync, a new token each time")]
    public async Task<bool> LibraryBaseline() => (await handler.ValidateTokenAsync(freshTokens[nextLibrary++ % FirstSeenPool], parameters)).IsValid;

    [Benchmark(Description = "2b. library: JsonWebTokenHandler.ValidateTokenAsync, one token repeated")]
    public async Task<bool> LibraryRepeatedToken() => (await handler.ValidateTokenAsync(token, parameters)).IsValid;

    [Benchmark(Description = "3a. app: authorize a token seen for the first time")]
    public async Task<bool> AuthorizeFirstSeen()
    {
        var candidate = freshTokens[next++ % FirstSeenPool];
        var outcome = await validator.ValidateAsync(candidate);
        return outcome.IsValid && ScopePolicy.Require(outcome.Principal, ScopeSet.ToolsCall | ScopeSet.CampaignsRead).IsAllowed;
    }

    [Benchmark(Description = "3b. app: authorize a token seen before")]
    public bool AuthorizeSeenBefore()
    {
        var pending = validator.ValidateAsync(token);
        var outcome = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        return outcome.IsValid && ScopePolicy.Require(outcome.Principal, ScopeSet.ToolsCall | ScopeSet.CampaignsRead).IsAllowed;
    }

    [Benchmark(Description = "4. issue a token")]
    public string IssueToken() => issuer.Issue("claude", Scopes.All).AccessToken;

    [Benchmark(Description = "5a. dispatch tools/list")]
    public async Task<int> DispatchToolsList() => (await processor.ProcessAsync(toolsList, invocation, CancellationToken.None)).Response!.Length;

    [Benchmark(Description = "5b. dispatch tools/call list_campaigns (page of 50)")]
    public async Task<int> DispatchListCampaigns() => (await processor.ProcessAsync(listCampaigns50, invocation, CancellationToken.None)).Response!.Length;

    [Benchmark(Description = "6. SignalR upstream: verify, parse, tools/list, completion")]
    public async Task<long> SignalRUpstreamToolsList()
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var request = context.Request;
        request.Method = HttpMethods.Post;
        request.ContentType = "application/json";
        request.Body = new MemoryStream(upstreamBody, writable: false);
        request.ContentLength = upstreamBody.Length;
        request.Headers["X-ASRS-Connection-Id"] = "conn-1";
        request.Headers["X-ASRS-Hub"] = "mcp";
        request.Headers["X-ASRS-Category"] = "messages";
        request.Headers["X-ASRS-Event"] = "jsonrpc";
        request.Headers["X-ASRS-User-Claims"] = claims;
        request.Headers["X-ASRS-Signature"] = signature;
        var response = new MemoryStream();
        context.Response.Body = response;
        var result = await upstream.HandleAsync(context);
        await result.ExecuteAsync(context);
        return response.Length;
    }
}
