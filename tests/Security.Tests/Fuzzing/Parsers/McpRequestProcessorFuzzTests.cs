using CampaignMcp.Mcp;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Parsers;

/// <summary>The JSON-RPC reader behind both transports, in process with the app's real services.</summary>
public sealed class McpRequestProcessorFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly McpTestServices services = new();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task No_message_escapes_as_an_exception_and_every_reply_is_well_formed_json_rpc()
    {
        var token = services.Token();
        var transportTokens = Gen.Frequency((6, Gen.Const<string?>(token)), (1, Gen.Const((string?)null)), (1, FuzzInputs.Base64UrlSegment.Select(string? (segment) => segment)));
        var versions = Gen.OneOf<string?>(null, "2025-03-26", "2025-06-18", "2025-11-25");
        var cases = Gen.Select(BodyInputs.McpBodies(token), transportTokens, versions);

        await FuzzRun.RunAsync("json-rpc-reader", cases, 8_000, async input =>
        {
            var (body, transportToken, version) = input;
            var result = await services.Processor.ProcessAsync(body, new McpInvocation("fuzz", transportToken, version, "127.0.0.1"), CancellationToken.None);
            if (result.Response is null)
            {
                // A refused notification has no reply either: the transport answers 401/403 without a body.
                Assert.True(JsonRpcShape.NeedsNoReply(body), "no reply to a message that needs one");
            }
            else
            {
                JsonRpcShape.AssertReply(result.Response);
            }

            foreach (var notification in result.Notifications)
            {
                JsonRpcShape.AssertNotification(notification);
            }
        }, output);
    }
}
