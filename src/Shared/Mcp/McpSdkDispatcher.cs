using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CampaignMcp.Mcp;

/// <summary>
/// Runs one JSON-RPC message through the official C# SDK's server, the way its own ASP.NET Core
/// stateless mode does: a fresh <see cref="McpServer"/> over a stateless
/// <see cref="StreamableHttpServerTransport"/> per message, sharing one options object. The SDK then
/// owns version negotiation, ping, method routing, parameter binding and error codes. The SDK has no
/// public "dispatch one message" API; this is the route its stateless HTTP handler takes.
/// </summary>
#pragma warning disable CA1001 // sdkLoggers is a view over the host's factory and owns nothing.
public sealed class McpSdkDispatcher(CampaignMcpServerOptions serverOptions, ILoggerFactory loggerFactory, IServiceProvider services)
#pragma warning restore CA1001
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
#pragma warning disable CA2213 // A view over the host's factory: disposing it does nothing.
    private readonly ILoggerFactory sdkLoggers = new ExpectedErrorLoggerFactory(loggerFactory);
#pragma warning restore CA2213

    /// <summary>The reply (null when the message gets none) and what the server sent before it (progress notifications).</summary>
    public async Task<McpDispatchOutput> DispatchAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        var transport = new StreamableHttpServerTransport(sdkLoggers) { Stateless = true };
        await using (transport.ConfigureAwait(false))
        {
            var server = McpServer.Create(transport, serverOptions.Options, sdkLoggers, services);
            await using (server.ConfigureAwait(false))
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var running = server.RunAsync(stop.Token);
                using var buffer = new MemoryStream();
                var answered = await transport.HandlePostRequestAsync(message, buffer, cancellationToken).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await running.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                var events = Events(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                return answered && events.Count > 0 ? new McpDispatchOutput(events[^1], events[..^1]) : new McpDispatchOutput(null, events);
            }
        }
    }

    /// <summary>The transport writes SSE (<c>data: {json}</c> per event); the response is the last event.</summary>
    private static List<byte[]> Events(ReadOnlySpan<byte> stream)
    {
        var events = new List<byte[]>();
        foreach (var range in stream.Split((byte)'\n'))
        {
            var line = stream[range];
            if (line.StartsWith(DataPrefix))
            {
                events.Add(line[DataPrefix.Length..].TrimEnd((byte)'\r').ToArray());
            }
        }

        return events;
    }
}
