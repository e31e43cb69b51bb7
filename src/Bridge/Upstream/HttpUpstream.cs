using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CampaignMcp.Bridge.Configuration;
using CampaignMcp.Bridge.Stdio;
using CampaignMcp.Bridge.Tokens;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// MCP Streamable HTTP to <c>{server}/api/v1/mcp</c> with the bearer header. A 401 renews the token and
/// retries once; an unreachable server is retried with backoff for a while before the request gets
/// a JSON-RPC error.
/// </summary>
public sealed partial class HttpUpstream(HttpClient http, BridgeOptions options, TokenSource tokens, ILogger<HttpUpstream> logger) : IUpstream
{
    private const int ConnectAttempts = 5;
    private string? protocolVersion;

    public Func<string, Task>? OnServerMessage { get; set; }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string?> SendAsync(JsonNode message, string raw, CancellationToken cancellationToken)
    {
        var renewed = false;
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.McpEndpoint) { Content = new StringContent(raw, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (protocolVersion is not null)
            {
                request.Headers.Add("MCP-Protocol-Version", protocolVersion);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception) when (attempt < ConnectAttempts)
            {
                Unreachable(logger, exception.HttpRequestError.ToString(), attempt + 1);
                await Task.Delay(Backoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
                {
                    renewed = true;
                    await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return null;
                }

                var reply = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
                if (reply is null)
                {
                    return JsonRpc.IsRequest(message)
                        ? JsonRpc.Error(JsonRpc.Id(message), JsonRpc.ServerUnavailable, $"The MCP server answered HTTP {(int)response.StatusCode} without a JSON-RPC response")
                        : null;
                }

                if (message["method"]?.GetValue<string>() == "initialize")
                {
                    protocolVersion = JsonRpc.ProtocolVersionOfInitializeResult(reply);
                }

                return reply;
            }
        }
    }

    /// <summary>JSON, or SSE whose last event is the response and earlier ones are server messages.</summary>
    private async Task<string?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return body.Length > 0 && body.TrimStart().StartsWith('{') ? body : null;
        }

        var events = body.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..].Trim()).ToList();
        for (var i = 0; i < events.Count - 1; i++)
        {
            if (OnServerMessage is { } deliver)
            {
                await deliver(events[i]).ConfigureAwait(false);
            }
        }

        return events.Count > 0 ? events[^1] : null;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "MCP server unreachable ({Error}); retry {Attempt}")]
    private static partial void Unreachable(ILogger logger, string error, int attempt);
}
