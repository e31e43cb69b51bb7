using System.Net;
using System.Net.Http.Json;
using CampaignMcp.Functional.Tests.SignalR;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Grants;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests.SignIn;

/// <summary>
/// Every audit line of a signed-in user's activity names the person and the app, on each surface: the token issued, a
/// SignalR connection (negotiate, connected, a refused call), a refused MCP call over HTTP, the operator's revocation,
/// and the revoked token presented again. Lines for the API-key holder's tokens say so instead of naming nobody.
/// </summary>
public sealed class UserAuditLineTests
{
    private const string Alice = "Alice Example (t/alice)";
    private const string Export = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"export_campaigns","arguments":{}}}""";

    [Fact]
    public async Task Every_surface_names_the_user_and_the_app_in_its_audit_lines()
    {
        await using var host = await RunningHost.StartAsync();
        var grant = await host.Services.GetRequiredService<TokenGrants>().IssueAsync("authorization_code", "claude", Scopes.Default, withRefreshToken: true, CancellationToken.None, oauthClientId: "dcr_app1", user: new TokenUser("t/alice", "Alice Example"));
        var token = grant.AccessToken.AccessToken;

        await using (var client = await McpHubClient.ConnectAsync(host.BaseUrl, token))
        {
            Assert.Equal(-32004, (await client.CallToolAsync("export_campaigns")).GetProperty("error").GetProperty("code").GetInt32());
        }

        Assert.Equal(HttpStatusCode.Forbidden, await McpHttp.StatusAsync(host, token, Export));
        using (var revoke = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/sessions") { Content = JsonContent.Create(new { user = "t/alice" }) })
        {
            revoke.Headers.Add("X-API-Key", RunningHost.ApiKey);
            using var revoked = await host.Client.SendAsync(revoke);
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await McpHttp.StatusAsync(host, token, Export));

        await Eventually(host, "[1401]", "connected (user " + Alice + ", client dcr_app1)");
        Line(host, "[1010]", "to user Alice Example (t/alice) through client dcr_app1");
        Line(host, "[1404]", "for client dcr_app1 and user " + Alice);
        Line(host, "[1002]", "Authorization denied on signalr: insufficient_scope for tools/call (user " + Alice + ", client dcr_app1,");
        Line(host, "[1002]", "Authorization denied on mcp-http: insufficient_scope for tools/call (user " + Alice + ", client dcr_app1,");
        Line(host, "[1951]", "of user Alice Example (t/alice) and client dcr_app1, by the operator");
        Line(host, "[1001]", "Authentication failed on mcp-http: revoked (user " + Alice + ", client dcr_app1,");
    }

    [Fact]
    public async Task Lines_of_an_api_key_token_say_the_api_key_holder_and_a_bad_token_says_unknown()
    {
        await using var host = await RunningHost.StartAsync();
        var token = await TestTokens.GetAsync(host, "campaigns:read", "tools:call");

        Assert.Equal(HttpStatusCode.Forbidden, await McpHttp.StatusAsync(host, token, Export));
        Assert.Equal(HttpStatusCode.Unauthorized, await McpHttp.StatusAsync(host, "not.a.token", Export));

        Line(host, "[1003]", "to client claude for user the API-key holder");
        Line(host, "[1002]", "(user the API-key holder, client claude,");
        Line(host, "[1001]", "Authentication failed on mcp-http: malformed (user unknown,");
    }

    private static void Line(RunningHost host, string eventId, string text) =>
        Assert.True(
            host.Logs.Lines.Any(line => line.Contains(eventId, StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal)),
            $"no {eventId} line contains \"{text}\"; the {eventId} lines:\n" + string.Join('\n', host.Logs.Lines.Where(line => line.Contains(eventId, StringComparison.Ordinal))));

    /// <summary>The service reports a connection upstream on its own schedule: wait for the line, a bounded while.</summary>
    private static async Task Eventually(RunningHost host, string eventId, string text)
    {
        for (var attempt = 0; attempt < 200 && !host.Logs.Lines.Any(line => line.Contains(eventId, StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(25);
        }

        Line(host, eventId, text);
    }
}
