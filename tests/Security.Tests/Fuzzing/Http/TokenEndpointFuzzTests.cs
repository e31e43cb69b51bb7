using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Http;

/// <summary>POST /api/v1/mcp/auth/token over loopback with random bodies, content types and keys.</summary>
public sealed class TokenEndpointFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync()
    {
        // The attempt limit would answer 429 to every case after the first ten bad keys: off, to reach the parser.
        var settings = RunningHost.DefaultSettings();
        settings["MCP_LOCKOUT_MAX_FAILURES"] = "0";
        host = await RunningHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public Task No_body_gets_a_500_and_every_answer_is_the_envelope()
    {
        var keys = Gen.Frequency((8, Gen.Const((string?)RunningHost.ApiKey)), (1, Gen.Const((string?)null)), (1, HttpFuzzInputs.Printable.Select(string? (key) => key)));
        var cases = Gen.Select(BodyInputs.TokenRequestBodies(), HttpFuzzInputs.ContentTypes, keys);
        return FuzzRun.RunAsync("token-endpoint-http", cases, 3_000, async input =>
        {
            var (body, contentType, key) = input;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/auth/token") { Content = new ByteArrayContent(body) };
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("X-API-Key", key);
            }

            using var response = await host.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{(int)response.StatusCode}: {text}");
            Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
            ApiEnvelopeShape.Assert(response.StatusCode, JsonDocument.Parse(text).RootElement);
        }, output);
    }
}
