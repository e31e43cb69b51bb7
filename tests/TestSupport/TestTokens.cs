using System.Net.Http.Json;

namespace CampaignMcp.TestSupport;

public static class TestTokens
{
    /// <summary>A token from the real token endpoint, as a client would get it.</summary>
    public static async Task<string> GetAsync(RunningHost host, params string[] scopes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/auth/token")
        {
            Content = JsonContent.Create(new { client_id = "claude", scope = scopes.Length == 0 ? ["campaigns:read", "campaigns:export", "tools:call"] : scopes }),
        };
        request.Headers.Add("X-API-Key", RunningHost.ApiKey);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await Json.ReadAsync(response)).GetProperty("data").GetProperty("access_token").GetString()!;
    }
}
