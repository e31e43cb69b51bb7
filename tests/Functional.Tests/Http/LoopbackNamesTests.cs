using System.Net;
using System.Net.Http.Headers;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.Http;

/// <summary>
/// Under <c>func start</c> the app learns its name from WEBSITE_HOSTNAME=localhost:&lt;port&gt;,
/// the local host serves 127.0.0.1:&lt;port&gt;. Tokens of one are good on the other, and the protected resource
/// metadata names the server the way the client reached it (the TypeScript SDK refuses a mismatch).
/// </summary>
public sealed class LoopbackNamesTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    private static async Task<HttpResponseMessage> PingAsync(RunningHost host, string? token, string? hostHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = Json.Body(Ping) };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        return await host.Client.SendAsync(request);
    }

    private static Dictionary<string, string?> AsUnderFuncStart(int port)
    {
        var settings = RunningHost.DefaultSettings();
        settings["WEBSITE_HOSTNAME"] = $"localhost:{port}";
        return settings;
    }

    [Fact]
    public async Task A_token_from_the_functions_host_naming_is_accepted_by_the_local_host_and_back()
    {
        var port = RunningHost.FreePort();
        string funcToken;
        await using (var func = await RunningHost.StartAsync(AsUnderFuncStart(port), $"http://127.0.0.1:{port}"))
        {
            funcToken = await TestTokens.GetAsync(func);
        }

        string localToken;
        await using (var local = await RunningHost.StartAsync(baseUrl: $"http://127.0.0.1:{port}"))
        {
            using var response = await PingAsync(local, funcToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            localToken = await TestTokens.GetAsync(local);
        }

        await using var funcAgain = await RunningHost.StartAsync(AsUnderFuncStart(port), $"http://127.0.0.1:{port}");
        using var back = await PingAsync(funcAgain, localToken);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Theory]
    [InlineData("localhost", "http://localhost:{0}")]
    [InlineData("127.0.0.1", "http://127.0.0.1:{0}")]
    [InlineData("[::1]", "http://[::1]:{0}")]
    [InlineData("evil.example", "http://127.0.0.1:{0}")]
    public async Task Metadata_and_challenge_name_the_loopback_alias_the_client_used(string name, string expectedBase)
    {
        var port = RunningHost.FreePort();
        await using var host = await RunningHost.StartAsync(AsUnderFuncStart(port), $"http://127.0.0.1:{port}");
        var expected = string.Format(System.Globalization.CultureInfo.InvariantCulture, expectedBase, port);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-protected-resource/api/v1/mcp");
        request.Headers.Host = $"{name}:{port}";
        using var response = await host.Client.SendAsync(request);
        var metadata = await Json.ReadAsync(response);
        Assert.Equal(expected + "/api/v1/mcp", metadata.GetProperty("resource").GetString());
        Assert.Equal($"http://127.0.0.1:{port}", metadata.GetProperty("authorization_servers")[0].GetString());

        using var refused = await PingAsync(host, token: null, $"{name}:{port}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains($"resource_metadata=\"{expected}/.well-known/oauth-protected-resource/api/v1/mcp\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_never_answers_with_the_request_host()
    {
        var port = RunningHost.FreePort();
        var settings = AsUnderFuncStart(port);
        settings["NODE_ENV"] = "production";
        await using var host = await RunningHost.StartAsync(settings, $"http://127.0.0.1:{port}");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-protected-resource/api/v1/mcp");
        request.Headers.Host = $"localhost:{port}";
        using var response = await host.Client.SendAsync(request);
        Assert.Equal($"http://127.0.0.1:{port}/api/v1/mcp", (await Json.ReadAsync(response)).GetProperty("resource").GetString());
    }
}
