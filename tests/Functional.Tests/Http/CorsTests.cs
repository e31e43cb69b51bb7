using System.Net;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.Http;

public sealed class CorsTests : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method = "POST")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, x-api-key");
        return host.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("https://claude.ai")]
    [InlineData("https://chat.openai.com")]
    [InlineData("https://cursor.sh")]
    public async Task Allowed_origins_get_a_full_preflight(string origin)
    {
        using var response = await PreflightAsync("/api/v1/mcp/auth/token", origin);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowedHeaders = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers"));
        foreach (var header in new[] { "Authorization", "Content-Type", "X-API-Key", "Mcp-Protocol-Version", "Mcp-Session-Id", "X-Requested-With", "X-SignalR-User-Agent" })
        {
            Assert.Contains(header, allowedHeaders, StringComparison.Ordinal);
        }

        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://claude.ai.evil.example")]
    [InlineData("http://claude.ai")]
    [InlineData("null")]
    public async Task Other_origins_get_no_cors_headers(string origin)
    {
        using var preflight = await PreflightAsync("/api/v1/mcp/auth/token", origin);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Headers"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/mcp/health");
        request.Headers.Add("Origin", origin);
        using var actual = await host.Client.SendAsync(request);
        Assert.False(actual.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_for_a_method_the_endpoint_does_not_serve_is_not_allowed()
    {
        using var response = await PreflightAsync("/api/v1/mcp/auth/token", "https://claude.ai", "DELETE");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Actual_responses_echo_an_allowed_origin_and_expose_www_authenticate()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/auth/token") { Content = Json.Body("""{"client_id":"claude"}""") };
        request.Headers.Add("Origin", "https://claude.ai");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("https://claude.ai", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("WWW-Authenticate", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.Ordinal);
    }
}
