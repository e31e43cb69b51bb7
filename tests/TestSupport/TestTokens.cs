using System.Net.Http.Json;

namespace CampaignMcp.TestSupport;

public static class TestTokens
{
    public const string TokenPath = "/api/v1/mcp/auth/token";
    public const string RefreshPath = "/api/v1/mcp/auth/refresh";
    public const string RevokePath = "/api/v1/mcp/auth/revoke";

    /// <summary>A token from the real token endpoint, as a client would get it.</summary>
    public static async Task<string> GetAsync(RunningHost host, params string[] scopes) =>
        (await GetGrantAsync(host, "claude", scopes)).AccessToken;

    /// <summary>The whole grant (access and refresh token) from the real token endpoint.</summary>
    public static async Task<TestGrant> GetGrantAsync(RunningHost host, string clientId = "claude", params string[] scopes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = JsonContent.Create(new { client_id = clientId, scope = scopes.Length == 0 ? ["campaigns:read", "campaigns:export", "tools:call"] : scopes }),
        };
        request.Headers.Add("X-API-Key", RunningHost.ApiKey);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return Grant((await Json.ReadAsync(response)).GetProperty("data"));
    }

    /// <summary>Exchanges a refresh token on <c>/auth/refresh</c>; fails the test unless it succeeds.</summary>
    public static async Task<TestGrant> RefreshAsync(RunningHost host, string refreshToken, params string[] scopes)
    {
        using var response = await host.Client.PostAsync(RefreshPath, JsonContent.Create(scopes.Length == 0
            ? (object)new { refresh_token = refreshToken }
            : new { refresh_token = refreshToken, scope = scopes }));
        response.EnsureSuccessStatusCode();
        return Grant((await Json.ReadAsync(response)).GetProperty("data"));
    }

    /// <summary>RFC 7009 revocation through <c>/auth/revoke</c>, which answers 200 whatever the token was.</summary>
    public static async Task RevokeAsync(RunningHost host, string token)
    {
        using var response = await host.Client.PostAsync(RevokePath, JsonContent.Create(new { token }));
        response.EnsureSuccessStatusCode();
    }

    private static TestGrant Grant(System.Text.Json.JsonElement data) => new(
        data.GetProperty("access_token").GetString()!,
        data.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
        [.. data.GetProperty("scope").EnumerateArray().Select(scope => scope.GetString()!)]);
}
