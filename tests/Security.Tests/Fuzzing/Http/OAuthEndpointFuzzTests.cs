using System.Net;
using System.Text;
using System.Text.Json;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Http;

/// <summary>POST /api/v1/mcp/oauth/token and /oauth/revoke over loopback with random forms, content types and Basic credentials.</summary>
public sealed class OAuthEndpointFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync()
    {
        // The attempt limit would answer 429 to most cases after the first ten bad secrets: off, to reach the grants.
        var settings = RunningHost.DefaultSettings();
        settings["MCP_LOCKOUT_MAX_FAILURES"] = "0";
        host = await RunningHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public Task No_form_gets_a_500_and_every_error_is_rfc_6749_json()
    {
        var basic = Gen.Frequency(
            (4, Gen.Const((string?)null)),
            (3, Gen.Const((string?)("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("claude:" + RunningHost.ApiKey))))),
            (2, HttpFuzzInputs.Printable.Select(string? (text) => "Basic " + text)),
            (1, HttpFuzzInputs.Printable.Select(string? (text) => text)));
        var contentTypes = Gen.Frequency((6, Gen.Const((string?)"application/x-www-form-urlencoded")), (1, HttpFuzzInputs.ContentTypes));
        var paths = Gen.OneOf("/api/v1/mcp/oauth/token", "/api/v1/mcp/oauth/revoke");
        var cases = Gen.Select(BodyInputs.FormBodies(), contentTypes, basic, paths);
        return FuzzRun.RunAsync("oauth-endpoints-http", cases, 3_000, async input =>
        {
            var (body, contentType, authorization, path) = input;
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await host.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{(int)response.StatusCode}: {text}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            var error = JsonDocument.Parse(text).RootElement;
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error_description").GetString()));
        }, output);
    }
}
