using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Http;

/// <summary>POST /api/v1/mcp/auth/refresh and /auth/revoke over loopback with random JSON bodies and content types.</summary>
public sealed class RefreshAndRevokeFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public Task No_body_gets_a_500_and_every_answer_is_the_envelope()
    {
        // The token bodies, and the same bodies with their members renamed to the ones these endpoints read.
        var bodies = BodyInputs.TokenRequestBodies().Select(body => Gen.OneOf(
            Gen.Const(body),
            Gen.Const(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("client_id", "refresh_token", StringComparison.Ordinal))),
            Gen.Const(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("client_id", "token", StringComparison.Ordinal))))).SelectMany(gen => gen);
        var cases = Gen.Select(bodies, HttpFuzzInputs.ContentTypes, Gen.OneOf("/api/v1/mcp/auth/refresh", "/api/v1/mcp/auth/revoke"));
        return FuzzRun.RunAsync("refresh-revoke-http", cases, 3_000, async input =>
        {
            var (body, contentType, path) = input;
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            using var response = await host.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{path} {(int)response.StatusCode}: {text}");
            Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
            ApiEnvelopeShape.Assert(response.StatusCode, JsonDocument.Parse(text).RootElement);
        }, output);
    }
}
