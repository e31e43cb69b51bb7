using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.Tokens;

/// <summary>The token surfaces as a client calls them, over loopback HTTP.</summary>
internal static class TokenLifecycleClient
{
    public static async Task<HttpResponseMessage> IssueAsync(RunningHost host, string clientId = "claude", string[]? scopes = null, string apiKey = RunningHost.ApiKey, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/auth/token")
        {
            Content = JsonContent.Create(new { client_id = clientId, scope = scopes ?? ["campaigns:read", "tools:call"] }),
        };
        request.Headers.Add("X-API-Key", apiKey);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await host.Client.SendAsync(request);
    }

    /// <summary>Access and refresh token of a successful token response.</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var data = (await Json.ReadAsync(response)).GetProperty("data");
        return (data.GetProperty("access_token").GetString()!, data.GetProperty("refresh_token").GetString()!);
    }

    public static async Task<(string Access, string Refresh)> IssuePairAsync(RunningHost host, string clientId = "claude", string[]? scopes = null)
    {
        using var response = await IssueAsync(host, clientId, scopes);
        return await TokensAsync(response);
    }

    public static Task<HttpResponseMessage> RefreshAsync(RunningHost host, string refreshToken, object? scope = null) =>
        host.Client.PostAsync("/api/v1/mcp/auth/refresh", Json.Body(JsonSerializer.Serialize(scope is null
            ? (object)new { refresh_token = refreshToken }
            : new { refresh_token = refreshToken, scope })));

    public static Task<HttpResponseMessage> RevokeAsync(RunningHost host, string token) =>
        host.Client.PostAsync("/api/v1/mcp/auth/revoke", Json.Body(JsonSerializer.Serialize(new { token })));

    public static Task<HttpResponseMessage> OAuthAsync(RunningHost host, string path, IEnumerable<KeyValuePair<string, string>> form, (string Id, string Secret)? basic = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basic is { } credentials)
        {
            var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(credentials.Id)}:{Uri.EscapeDataString(credentials.Secret)}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", encoded);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return host.Client.SendAsync(request);
    }

    /// <summary>A tools/list over MCP Streamable HTTP with the token: 200, or 401 with the reason in the JSON-RPC error.</summary>
    public static async Task<(int Status, string? Reason)> CallMcpAsync(RunningHost host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp")
        {
            Content = Json.Body("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await host.Client.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            return ((int)response.StatusCode, null);
        }

        var body = await Json.ReadAsync(response);
        var reason = body.TryGetProperty("error", out var error) && error.TryGetProperty("data", out var data) && data.TryGetProperty("reason", out var code)
            ? code.GetString()
            : null;
        return ((int)response.StatusCode, reason);
    }

    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response) =>
        (await Json.ReadAsync(response)).GetProperty("error").GetProperty("code").GetString()!;
}
