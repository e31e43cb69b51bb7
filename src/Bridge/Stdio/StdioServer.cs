using System.Threading.Channels;
using CampaignMcp.Bridge.Tokens;
using CampaignMcp.Bridge.Upstream;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Bridge.Stdio;

/// <summary>
/// MCP's stdio transport (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio):
/// newline-delimited JSON-RPC on stdin and stdout, nothing else on stdout. Lines wait in a bounded
/// queue (reading stops while it is full) and a few workers forward them, so a slow tool call does
/// not hold up a ping; each line written to stdout is whole, and a request's notifications precede
/// its response. Every request gets an answer: the server's, or a JSON-RPC error saying why not.
/// </summary>
public sealed partial class StdioServer(IUpstream upstream, TextWriter stdout, ILogger<StdioServer> logger) : IDisposable
{
    public const int QueueCapacity = 256;
    public const int Workers = 8;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim writing = new(1, 1);

    public async Task RunAsync(TextReader stdin, CancellationToken cancellationToken)
    {
        upstream.OnServerMessage = WriteAsync;
        var queue = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(queue.Reader, cancellationToken), CancellationToken.None)).ToArray();
        _ = upstream.StartAsync(cancellationToken);

        while (await stdin.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                await queue.Writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }

        // stdin closed: the client is gone. Finish what is queued, briefly, then stop.
        StdinClosed(logger);
        queue.Writer.Complete();
        await Task.WhenAny(Task.WhenAll(workers), Task.Delay(DrainTimeout, cancellationToken)).ConfigureAwait(false);
    }

    private async Task WorkAsync(ChannelReader<string> reader, CancellationToken cancellationToken)
    {
        await foreach (var line in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await ForwardAsync(line, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ForwardAsync(string line, CancellationToken cancellationToken)
    {
        var message = JsonRpc.Parse(line);
        if (message is null)
        {
            await WriteAsync(JsonRpc.Error(null, -32700, "Parse error: the line is not valid JSON")).ConfigureAwait(false);
            return;
        }

        string? reply;
        try
        {
            reply = await upstream.SendAsync(message, line, cancellationToken).ConfigureAwait(false);
        }
        catch (TokenRejectedException exception)
        {
            reply = Failure(message, JsonRpc.AuthenticationRequired, exception.Message);
        }
        catch (Exception exception) when (exception is ServerUnreachableException or TimeoutException or HttpRequestException or IOException)
        {
            reply = Failure(message, JsonRpc.ServerUnavailable, $"The MCP server is unavailable: {exception.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        if (reply is not null && JsonRpc.IsRequest(message))
        {
            await WriteAsync(reply).ConfigureAwait(false);
        }
    }

    private string? Failure(System.Text.Json.Nodes.JsonNode message, int code, string text)
    {
        RequestFailed(logger, text);
        return JsonRpc.IsRequest(message) ? JsonRpc.Error(JsonRpc.Id(message), code, text) : null;
    }

    private async Task WriteAsync(string json)
    {
        await writing.WaitAsync().ConfigureAwait(false);
        try
        {
            // One message per line: the JSON the server produced has no raw newlines.
            await stdout.WriteAsync(json.ReplaceLineEndings(" ")).ConfigureAwait(false);
            await stdout.WriteAsync('\n').ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    public void Dispose() => writing.Dispose();

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "stdin closed; finishing queued requests and exiting")]
    private static partial void StdinClosed(ILogger logger);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "A request failed: {Reason}")]
    private static partial void RequestFailed(ILogger logger, string reason);
}
