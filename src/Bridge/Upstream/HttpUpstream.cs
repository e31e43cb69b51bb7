using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CampaignMcp.Bridge.Configuration;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// MCP Streamable HTTP to <c>{server}/api/v1/mcp</c> (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http):
/// a POST per message with the access token as bearer, answered with JSON or an SSE stream read as it arrives, so
/// progress is passed on before the response. A JSON-RPC error sent with a 4xx/5xx goes to the client as it is;
/// the SDK's client transport would turn it into an exception, which is why this is not it.
/// </summary>
public sealed class HttpUpstream(BridgeOptions options, TokenSource tokens, Action<JsonRpcMessage> serverMessage) : IUpstream
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageJson = (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan }; // the request policy's deadline bounds every call
    private string? protocolVersion;

    public async Task<JsonRpcMessage?> SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(message, await tokens.GetAsync(cancellationToken).ConfigureAwait(false), renewed: false, cancellationToken).ConfigureAwait(false);
        var request = message as JsonRpcRequest;
        JsonRpcMessage? reply = null;
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                var received = TryParse(item.Data);
                if (IsReplyTo(received, request))
                {
                    reply = received;
                    break;
                }

                if (received is not null)
                {
                    serverMessage(received);
                }
            }
        }
        else if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            reply = TryParse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }

        if (request is not null && IsReplyTo(reply, request))
        {
            if (request.Method == RequestMethods.Initialize && reply is JsonRpcResponse { Result: { } result })
            {
                protocolVersion = result["protocolVersion"]?.GetValue<string>();
            }

            return reply;
        }

        if (!response.IsSuccessStatusCode)
        {
            var said = (reply as JsonRpcError)?.Error.Message is { } text ? $": {text}" : "";
            throw UpstreamException.FromStatus((int)response.StatusCode, $"The MCP server answered HTTP {(int)response.StatusCode} ({response.StatusCode}){said}");
        }

        return request is null ? null
            : throw new UpstreamException($"The MCP server's answer to {request.Method} held no response");
    }

    private async Task<HttpResponseMessage> PostAsync(JsonRpcMessage message, string token, bool renewed, CancellationToken cancellationToken)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, options.McpEndpoint) { Content = JsonContent.Create(message, MessageJson) };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        post.Headers.Accept.ParseAdd("application/json");
        post.Headers.Accept.ParseAdd("text/event-stream");
        if (protocolVersion is not null)
        {
            post.Headers.Add("MCP-Protocol-Version", protocolVersion);
        }

        var response = await http.SendAsync(post, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (renewed || response.StatusCode != HttpStatusCode.Unauthorized || !response.Headers.WwwAuthenticate.Any(IsInvalidToken))
        {
            return response;
        }

        // RFC 6750 §3.1: expired or revoked. Renew (once for all requests that hold this token) and send again.
        response.Dispose();
        return await PostAsync(message, await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false), renewed: true, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsReplyTo(JsonRpcMessage? message, JsonRpcRequest? request) =>
        request is not null && message is JsonRpcResponse or JsonRpcError && ((JsonRpcMessageWithId)message).Id == request.Id;

    private static bool IsInvalidToken(AuthenticationHeaderValue challenge) =>
        challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && challenge.Parameter?.Contains("error=\"invalid_token\"", StringComparison.Ordinal) == true;

    private static JsonRpcMessage? TryParse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, MessageJson);
        }
        catch (JsonException)
        {
            return null; // a proxy's or host's page, not the server's JSON-RPC
        }
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
