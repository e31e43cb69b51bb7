using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CampaignMcp.TestSupport;

/// <summary>One JSON-RPC message to the MCP endpoint with a bearer token, as a Streamable HTTP client sends it.</summary>
public static class McpHttp
{
    public const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    /// <summary>The HTTP status the endpoint answers <paramref name="message"/> (a ping unless given) with.</summary>
    public static async Task<HttpStatusCode> StatusAsync(RunningHost host, string accessToken, string message = Ping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp") { Content = new StringContent(message, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
