using System.Collections.Concurrent;
using CampaignMcp.Bridge.Configuration;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// MCP Streamable HTTP to <c>{server}/api/v1/mcp</c> through the SDK's client transport, which reads
/// JSON and SSE answers (with <c>System.Net.ServerSentEvents</c>) and sends <c>MCP-Protocol-Version</c>
/// after initialize. Server messages are passed on as the transport reads them; the reply completes its request.
/// </summary>
public sealed partial class HttpUpstream : IUpstream
{
    private readonly HttpClient http;
    private readonly HttpClientTransport transport;
    private readonly Action<JsonRpcMessage> serverMessage;
    private readonly ILogger<HttpUpstream> logger;
    private readonly ConcurrentDictionary<RequestId, TaskCompletionSource<JsonRpcMessage>> pending = new();
    private ITransport? session;
    private Task? reading;

    public HttpUpstream(BridgeOptions options, HttpMessageHandler handler, Action<JsonRpcMessage> serverMessage, ILoggerFactory loggerFactory)
    {
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // the request policy's deadline bounds every call
        transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = options.McpEndpoint,
                Name = "campaign-mcp",
                TransportMode = HttpTransportMode.StreamableHttp,
                // The server is stateless: no GET stream (it answers 405) and no session to end.
                EnableStandaloneGetStream = false,
                OwnsSession = false,
            },
            http,
            loggerFactory,
            ownsHttpClient: false);
        this.serverMessage = serverMessage;
        logger = loggerFactory.CreateLogger<HttpUpstream>();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        session = await transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
        reading = Task.Run(() => ReadAsync(session), CancellationToken.None);
    }

    public async Task<JsonRpcMessage?> SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        var connected = session ?? throw new InvalidOperationException("The HTTP upstream is not started");
        var request = message as JsonRpcRequest;
        var reply = new TaskCompletionSource<JsonRpcMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (request is not null && !pending.TryAdd(request.Id, reply))
        {
            throw new UpstreamException($"Request id {request.Id} is already in flight", transient: false, BridgeErrorCodes.InvalidRequest);
        }

        try
        {
            // Returns once the whole answer has been read, the reply included.
            await connected.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
            return request is null ? null : await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (exception.StatusCode is { } status)
        {
            throw UpstreamException.FromStatus((int)status, $"The MCP server answered HTTP {(int)status} ({status}): {Shorten(exception.Message)}");
        }
        catch (McpProtocolException exception)
        {
            // A JSON-RPC error on a 4xx answer: the server's word on this request.
            throw new UpstreamException($"The MCP server refused the request: {exception.Message}", transient: false, (int)exception.ErrorCode);
        }
        finally
        {
            if (request is not null)
            {
                pending.TryRemove(request.Id, out _);
            }
        }
    }

    private async Task ReadAsync(ITransport connected)
    {
        try
        {
            await ForwardRepliesAsync(connected).ConfigureAwait(false);
        }
        catch (ClientTransportClosedException)
        {
            // Disposed: the bridge is shutting down.
        }
    }

    private async Task ForwardRepliesAsync(ITransport connected)
    {
        await foreach (var message in connected.MessageReader.ReadAllAsync().ConfigureAwait(false))
        {
            if (message is not JsonRpcResponse and not JsonRpcError)
            {
                serverMessage(message);
            }
            else if (!pending.TryRemove(((JsonRpcMessageWithId)message).Id, out var waiting) || !waiting.TrySetResult(message))
            {
                // Its request was already answered (deadline passed): one answer per request.
                LateReply(logger, ((JsonRpcMessageWithId)message).Id.ToString());
            }
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        await transport.DisposeAsync().ConfigureAwait(false);
        if (reading is not null)
        {
            await reading.ConfigureAwait(false);
        }

        http.Dispose();
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "A reply to request {Id} came after it was answered; dropped")]
    private static partial void LateReply(ILogger logger, string id);
}
