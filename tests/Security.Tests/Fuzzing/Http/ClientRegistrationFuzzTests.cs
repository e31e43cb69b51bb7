using System.Net;
using System.Text.Json;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Http;

/// <summary>POST /api/v1/mcp/oauth/register over loopback with random, mutated and damaged client metadata.</summary>
public sealed class ClientRegistrationFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync()
    {
        // The per-address registration limit would answer 429 to most valid cases: off, to reach the store.
        var settings = RunningHost.DefaultSettings();
        settings["MCP_OAUTH_REGISTRATION_LIMIT"] = "0";
        host = await RunningHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public Task No_registration_body_gets_a_500_and_every_error_is_rfc_7591_json()
    {
        var contentTypes = Gen.Frequency((8, Gen.Const((string?)"application/json")), (1, HttpFuzzInputs.ContentTypes));
        var cases = Gen.Select(BodyInputs.RegistrationBodies(), contentTypes);
        return FuzzRun.RunAsync("oauth-register-http", cases, 3_000, async input =>
        {
            var (body, contentType) = input;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/oauth/register") { Content = new ByteArrayContent(body) };
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            using var response = await host.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{(int)response.StatusCode}: {text}");
            var json = JsonDocument.Parse(text).RootElement;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Assert.StartsWith("dcr_", json.GetProperty("client_id").GetString(), StringComparison.Ordinal);
                return;
            }

            // RFC 7591 §3.2.2: an error code and a description.
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {text}");
            Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
            Assert.False(string.IsNullOrEmpty(json.GetProperty("error_description").GetString()));
        }, output);
    }
}
