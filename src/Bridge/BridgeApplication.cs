using CampaignMcp.Bridge.Commands;
using CampaignMcp.Bridge.Configuration;
using CampaignMcp.Bridge.Forwarding;
using CampaignMcp.Bridge.Upstream;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace CampaignMcp.Bridge;

public static class BridgeApplication
{
    public const int ConfigurationError = 2;
    public const int CredentialsRejected = 3;

    public static async Task<int> RunAsync(string[] args, Stream stdin, Stream stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        if (args is ["config", ..])
        {
            await using var output = new StreamWriter(stdout, leaveOpen: true);
            return ClientConfigCommand.Run(args[1..], environment, output, stderr);
        }

        if (args is ["--help" or "-h" or "help", ..])
        {
            await stderr.WriteLineAsync(BridgeOptionsParser.Usage).ConfigureAwait(false);
            return 0;
        }

        BridgeOptions options;
        try
        {
            options = BridgeOptionsParser.Parse(args, environment);
        }
        catch (ArgumentException exception)
        {
            await stderr.WriteLineAsync($"campaign-mcp-bridge: {exception.Message}").ConfigureAwait(false);
            return ConfigurationError;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace) // stdout carries MCP only
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft.AspNetCore", options.Verbose ? LogLevel.Information : LogLevel.Warning));
        using var tokenHttp = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var tokens = new TokenSource(tokenHttp, options, TimeProvider.System, loggerFactory.CreateLogger<TokenSource>());
        try
        {
            await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamException exception) when (!exception.Transient)
        {
            await stderr.WriteLineAsync($"campaign-mcp-bridge: {exception.Message}").ConfigureAwait(false);
            return CredentialsRejected;
        }
        catch (UpstreamException exception)
        {
            // The server may just be restarting: keep running; requests retry until their deadline.
            await stderr.WriteLineAsync($"campaign-mcp-bridge: {exception.Message}; will keep trying").ConfigureAwait(false);
        }

        // The SDK's stdio transport reads stdin. It drops what is sent once stdin has ended, while the requests read
        // before are still owed their answers: the outbox writes them.
        await using var client = new StreamServerTransport(stdin, Stream.Null, "campaign-mcp-bridge", loggerFactory);
        var logger = loggerFactory.CreateLogger<RequestForwarder>();
        var outbox = new ClientOutbox(stdout, logger);
        await using IUpstream upstream = options.Transport == BridgeTransport.Http
            ? new HttpUpstream(options, tokens, outbox.Post)
            : new SignalRUpstream(options, tokens, outbox.Post, loggerFactory);
        using var forwarder = new RequestForwarder(client.MessageReader, upstream, outbox, options.RequestTimeout, TimeProvider.System, logger);
        var writing = outbox.RunAsync(cancellationToken);
        await forwarder.RunAsync(cancellationToken).ConfigureAwait(false);
        outbox.Complete();
        await writing.ConfigureAwait(false);
        return 0;
    }
}
