using System.Net;
using System.Text;
using System.Text.Json;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.SignalR;
using CampaignMcp.TestSupport;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Http;

/// <summary>The SignalR upstream endpoint over loopback: correctly signed calls, as the service makes them, with random bodies.</summary>
public sealed class UpstreamEndpointFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Upstream = "/api/v1/mcp/signalr/upstream/mcp/messages/jsonrpc";
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task No_signed_call_gets_a_500_and_every_answer_is_a_completion_or_the_envelope()
    {
        var accessKey = host.Services.GetRequiredService<SignalRSettings>().Endpoint!.AccessKey!;
        var token = await TestTokens.GetAsync(host);
        var sealedToken = host.Services.GetRequiredService<McpTokenBinding>().Seal(token);
        var claims = Gen.Frequency(
            (6, Gen.Const($"asrs.s.uid: claude, mcp.token: {sealedToken}")),
            (1, Gen.OneOf("", "asrs.s.uid: claude", $"mcp.token: {token}", "mcp.token: AAAA, mcp.token: BBBB")),
            (1, HttpFuzzInputs.Printable));
        var categories = Gen.Frequency((8, Gen.Const(("messages", "jsonrpc"))), (1, Gen.OneOf(("connections", "connected"), ("connections", "disconnected"), ("connections", "x"))), (1, Gen.Select(HttpFuzzInputs.Printable, HttpFuzzInputs.Printable)));
        var connectionIds = Gen.Frequency((4, Gen.Const("conn-1")), (1, HttpFuzzInputs.Printable.Where(id => id.Trim().Length > 0)));
        var cases = Gen.Select(BodyInputs.HubMessageBodies(token), HttpFuzzInputs.ContentTypes, claims, categories, connectionIds);

        await FuzzRun.RunAsync("upstream-http", cases, 1_500, async input =>
        {
            var (body, contentType, userClaims, (category, eventName), connectionId) = input;
            using var request = new HttpRequestMessage(HttpMethod.Post, Upstream + "?code=" + Uri.EscapeDataString(host.FunctionKey)) { Content = new ByteArrayContent(body) };
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            request.Headers.TryAddWithoutValidation("X-ASRS-Connection-Id", connectionId);
            request.Headers.TryAddWithoutValidation("X-ASRS-Hub", "mcp");
            request.Headers.TryAddWithoutValidation("X-ASRS-Category", category);
            request.Headers.TryAddWithoutValidation("X-ASRS-Event", eventName);
            request.Headers.TryAddWithoutValidation("X-ASRS-User-Claims", userClaims);
            request.Headers.TryAddWithoutValidation("X-ASRS-Signature", UpstreamSignature.Sign(connectionId.Trim(), accessKey));

            using var response = await host.Client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
            if (bytes.Length > 0 && bytes[^1] == HubMessages.RecordSeparator)
            {
                var completion = HubMessages.ParseCompletion(bytes);
                Assert.NotNull(completion);
                if (completion.Result is string reply)
                {
                    JsonRpcShape.AssertReply(Encoding.UTF8.GetBytes(reply));
                }
            }
            else if (bytes.Length > 0)
            {
                ApiEnvelopeShape.Assert(response.StatusCode, JsonDocument.Parse(bytes).RootElement);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }, output);
    }
}
