using System.Net;
using System.Text;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Http;

/// <summary>POST /api/v1/mcp over loopback with random bodies and headers: tokens, versions, origins, media types.</summary>
public sealed class McpHttpFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task No_request_gets_a_500_and_every_body_is_json_rpc()
    {
        var token = await TestTokens.GetAsync(host);
        var mutatedTokens = new TokenMutations(token, RunningHost.Secret, host.Time.GetUtcNow()).All().Select(candidate => candidate.Token);
        var authorizations = Gen.Frequency(
            (6, Gen.Const((string?)$"Bearer {token}")),
            (2, mutatedTokens.Where(value => value.All(c => c is >= ' ' and <= '~')).Select(string? (value) => $"Bearer {value}")),
            (2, Gen.OneOf<string?>(null, "Bearer", "Bearer ", "bearer " + token, "Basic dXNlcjpwYXNz", "Bearer a b c", "Token x")),
            (1, HttpFuzzInputs.Printable.Select(string? (value) => value)));
        var versions = Gen.Frequency(
            (4, Gen.OneOf<string?>(null, "2025-03-26", "2025-06-18", "2025-11-25")),
            (1, HttpFuzzInputs.Printable.Select(string? (value) => value)));
        var origins = Gen.Frequency((6, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("https://claude.ai", "https://evil.example", "null", "")), (1, HttpFuzzInputs.Printable.Select(string? (value) => value)));
        var accepts = Gen.OneOf<string?>(null, "application/json, text/event-stream", "text/event-stream", "*/*");
        var cases = Gen.Select(BodyInputs.McpBodies(token), HttpFuzzInputs.ContentTypes, authorizations, versions, origins, accepts);

        await FuzzRun.RunAsync("mcp-http", cases, 3_000, async input =>
        {
            var (body, contentType, authorization, version, origin, accept) = input;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = new ByteArrayContent(body) };
            Add(request.Content.Headers, "Content-Type", contentType);
            Add(request.Headers, "Authorization", authorization);
            Add(request.Headers, "MCP-Protocol-Version", version);
            Add(request.Headers, "Origin", origin);
            Add(request.Headers, "Accept", accept);

            using var response = await host.Client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError || response.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
            switch (response.Content.Headers.ContentType?.MediaType)
            {
                case "application/json":
                    JsonRpcShape.AssertReply(bytes);
                    break;
                case "text/event-stream":
                    var events = Encoding.UTF8.GetString(bytes).Split('\n').Where(line => line.StartsWith("data: ", StringComparison.Ordinal)).ToList();
                    Assert.NotEmpty(events);
                    JsonRpcShape.AssertReply(Encoding.UTF8.GetBytes(events[^1]["data: ".Length..]));
                    break;
                default:
                    // 202 for notifications, 401/403 for a refused one: no body.
                    Assert.Empty(bytes);
                    break;
            }
        }, output);
    }

    private static void Add(System.Net.Http.Headers.HttpHeaders headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
