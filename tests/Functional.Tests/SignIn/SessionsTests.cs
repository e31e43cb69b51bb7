using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Refresh;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests.SignIn;

/// <summary>
/// Sessions (refresh families) over loopback HTTP: the operator (<c>X-API-Key</c>) lists and revokes any, a signed-in
/// user only their own; and the operator's page in headless Chromium (tests/node/operator-page.mjs).
/// </summary>
public sealed class SessionsTests
{
    private const string SessionsPath = "/api/v1/mcp/sessions";

    [Fact]
    public async Task The_operator_lists_every_session_with_user_app_and_scopes()
    {
        await using var host = await RunningHost.StartAsync();
        var alice = await SignedInAsync(host, "t/alice", "Alice Example", "dcr_app1");
        await SignedInAsync(host, "t/bob", "Bob Reader", "dcr_app2");

        var sessions = (await SendAsync(host, HttpMethod.Get, SessionsPath, Operator, null, HttpStatusCode.OK)).GetProperty("data").GetProperty("sessions");

        Assert.Equal(2, sessions.GetArrayLength());
        var first = sessions.EnumerateArray().Single(session => session.GetProperty("user").GetString() == "t/alice");
        Assert.Equal("Alice Example", first.GetProperty("user_name").GetString());
        Assert.Equal("dcr_app1", first.GetProperty("client_id").GetString());
        Assert.Equal("claude", first.GetProperty("client_entry").GetString());
        Assert.Equal(["campaigns:read", "tools:call"], first.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(RefreshTokenFormat.FamilyIdOf(alice.RefreshToken!), first.GetProperty("session_id").GetString());
        var byApp = (await SendAsync(host, HttpMethod.Get, SessionsPath + "?client_id=dcr_app2", Operator, null, HttpStatusCode.OK)).GetProperty("data").GetProperty("sessions");
        Assert.Equal("Bob Reader", Assert.Single(byApp.EnumerateArray()).GetProperty("user_name").GetString());
    }

    [Theory]
    [InlineData("session")]
    [InlineData("user")]
    [InlineData("client")]
    public async Task The_operator_revokes_by_session_user_or_app_and_the_access_token_is_refused(string by)
    {
        await using var host = await RunningHost.StartAsync();
        var alice = await SignedInAsync(host, "t/alice", "Alice Example", "dcr_app1");
        var bob = await SignedInAsync(host, "t/bob", "Bob Reader", "dcr_app2");
        Assert.Equal(HttpStatusCode.OK, await McpHttp.StatusAsync(host, alice.AccessToken.AccessToken));
        object body = by switch
        {
            "session" => new { session_id = RefreshTokenFormat.FamilyIdOf(alice.RefreshToken!) },
            "user" => new { user = "t/alice" },
            _ => new { client_id = "dcr_app1" },
        };

        var answer = await SendAsync(host, HttpMethod.Post, SessionsPath, Operator, body, HttpStatusCode.OK);

        Assert.Equal(1, answer.GetProperty("data").GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, await McpHttp.StatusAsync(host, alice.AccessToken.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await McpHttp.StatusAsync(host, bob.AccessToken.AccessToken));
    }

    [Fact]
    public async Task A_signed_in_user_sees_and_revokes_only_their_own_sessions()
    {
        await using var host = await RunningHost.StartAsync();
        var alice = await SignedInAsync(host, "t/alice", "Alice Example", "dcr_app1");
        await SignedInAsync(host, "t/alice", "Alice Example", "dcr_app2");
        var bob = await SignedInAsync(host, "t/bob", "Bob Reader", "dcr_app2");
        var asAlice = Bearer(alice.AccessToken.AccessToken);

        var own = (await SendAsync(host, HttpMethod.Get, SessionsPath, asAlice, null, HttpStatusCode.OK)).GetProperty("data").GetProperty("sessions");
        await SendAsync(host, HttpMethod.Post, SessionsPath, asAlice, new { user = "t/bob" }, HttpStatusCode.Forbidden);
        var revoked = await SendAsync(host, HttpMethod.Post, SessionsPath, asAlice, new { client_id = "dcr_app2" }, HttpStatusCode.OK);

        Assert.Equal(2, own.GetArrayLength());
        Assert.All(own.EnumerateArray(), session => Assert.Equal("t/alice", session.GetProperty("user").GetString()));
        Assert.Equal(1, revoked.GetProperty("data").GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.OK, await McpHttp.StatusAsync(host, bob.AccessToken.AccessToken));
    }

    [Fact]
    public async Task A_token_with_sessions_admin_sees_and_revokes_every_session_and_mcp_clients_are_never_offered_it()
    {
        await using var host = await RunningHost.StartAsync();
        await SignedInAsync(host, "t/alice", "Alice Example", "dcr_app1");
        var bob = await SignedInAsync(host, "t/bob", "Bob Reader", "dcr_app2");
        var administrator = Bearer(await TestTokens.GetAsync(host, "sessions:admin"));

        var all = (await SendAsync(host, HttpMethod.Get, SessionsPath, administrator, null, HttpStatusCode.OK)).GetProperty("data").GetProperty("sessions");
        var revoked = await SendAsync(host, HttpMethod.Post, SessionsPath, administrator, new { user = "t/bob" }, HttpStatusCode.OK);

        // Alice's, Bob's, and the administrator's own (the token endpoint's grant starts a refresh family too).
        Assert.Equal(3, all.GetArrayLength());
        Assert.Contains(all.EnumerateArray(), session => session.GetProperty("user").GetString() == "t/alice");
        Assert.Equal(1, revoked.GetProperty("data").GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, await McpHttp.StatusAsync(host, bob.AccessToken.AccessToken));
        foreach (var metadata in new[] { "/.well-known/oauth-protected-resource/api/v1/mcp", "/.well-known/oauth-authorization-server" })
        {
            var scopes = JsonDocument.Parse(await host.Client.GetStringAsync(metadata)).RootElement.GetProperty("scopes_supported");
            Assert.Equal(["campaigns:read", "campaigns:export", "tools:call"], scopes.EnumerateArray().Select(scope => scope.GetString()));
        }
    }

    [Theory]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData("bad-token", HttpStatusCode.Unauthorized)]
    [InlineData("api-key-client-token", HttpStatusCode.Forbidden)]
    public async Task A_caller_who_is_neither_the_operator_nor_a_signed_in_user_is_refused(string caller, HttpStatusCode status)
    {
        await using var host = await RunningHost.StartAsync();
        var clientToken = await host.Services.GetRequiredService<TokenGrants>().IssueAsync("api_key", "claude", Scopes.Default, withRefreshToken: false, CancellationToken.None);
        Action<HttpRequestMessage> credentials = caller switch
        {
            "wrong-key" => request => request.Headers.Add("X-API-Key", "not-the-key"),
            "bad-token" => Bearer("not.a.token"),
            "api-key-client-token" => Bearer(clientToken.AccessToken.AccessToken),
            _ => _ => { },
        };

        var answer = await SendAsync(host, HttpMethod.Get, SessionsPath, credentials, null, status);

        Assert.False(answer.GetProperty("success").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("{\"user\": 5}")]
    public async Task A_revocation_that_names_no_sessions_is_a_400(string body)
    {
        await using var host = await RunningHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, SessionsPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        Operator(request);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_operator_page_lists_sessions_and_revokes_one_in_a_real_browser()
    {
        await using var host = await RunningHost.StartAsync();
        await SignedInAsync(host, "72f988bf-86f1-41af-91ab-2d7cd011db47/1f0e6a3c-2b4d-4c5e-8f7a-9b0c1d2e3f40", "Alice Example", "dcr_Xk3p9QmV2aLr7TzN");
        await SignedInAsync(host, "72f988bf-86f1-41af-91ab-2d7cd011db47/2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "Bob Reader", "https://app.example/mcp-client.json");
        await host.Services.GetRequiredService<TokenGrants>().IssueAsync("api_key", "claude", Scopes.Default, withRefreshToken: true, CancellationToken.None);
        var screenshot = Path.Combine(TestArtifacts.Directory, "operator-sessions-page.png");

        var (exitCode, output) = await NodeScript.RunAsync("operator-page.mjs", new Dictionary<string, string>
        {
            ["PAGE_URL"] = host.BaseUrl + "/api/v1/mcp/sessions/manage",
            ["API_KEY"] = RunningHost.ApiKey,
            ["EXPECT_USER"] = "Bob Reader",
            ["SCREENSHOT"] = screenshot,
        }, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot of the operator page is missing or empty");
    }

    [Fact]
    public async Task The_operator_page_refuses_a_revocation_without_the_operator_cookie()
    {
        await using var host = await RunningHost.StartAsync();
        var alice = await SignedInAsync(host, "t/alice", "Alice Example", "dcr_app1");

        using var response = await host.Client.PostAsync("/api/v1/mcp/sessions/manage", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "revoke",
            ["kind"] = "user",
            ["value"] = "t/alice",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await McpHttp.StatusAsync(host, alice.AccessToken.AccessToken));
    }

    /// <summary>A refresh family as sign-in with the provider makes it (admitted by the <c>claude</c> entry).</summary>
    private static Task<GrantResult> SignedInAsync(RunningHost host, string subject, string name, string clientId) =>
        host.Services.GetRequiredService<TokenGrants>().IssueAsync("authorization_code", "claude", Scopes.Default, withRefreshToken: true, CancellationToken.None, oauthClientId: clientId, user: new TokenUser(subject, name));

    private static void Operator(HttpRequestMessage request) => request.Headers.Add("X-API-Key", RunningHost.ApiKey);

    private static Action<HttpRequestMessage> Bearer(string token) => request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private static async Task<JsonElement> SendAsync(RunningHost host, HttpMethod method, string path, Action<HttpRequestMessage> credentials, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        credentials(request);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
