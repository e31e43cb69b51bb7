using CampaignMcp.Bridge.Commands;
using CampaignMcp.Bridge.Configuration;
using CampaignMcp.Bridge.Stdio;
using CampaignMcp.Bridge.Tokens;
using CampaignMcp.Bridge.Upstream;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Bridge;

public static class BridgeApplication
{
    public const int ConfigurationError = 2;
    public const int CredentialsRejected = 3;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        if (args is ["config", ..])
        {
            return ClientConfigCommand.Run(args[1..], environment, stdout, stderr);
        }

        if (args is ["--help" or "-h" or "help", ..])
        {
            await stderr.WriteLineAsync(BridgeOptionsParser.Usage).ConfigureAwait(false);
            return 0;
        }

        var options = BridgeOptionsParser.Parse(args, environment, out var error);
        if (error is not null)
        {
            await stderr.WriteLineAsync($"campaign-mcp-bridge: {error}").ConfigureAwait(false);
            return ConfigurationError;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace) // stdout carries MCP only
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft.AspNetCore", options.Verbose ? LogLevel.Information : LogLevel.Warning));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var tokens = new TokenSource(http, options, TimeProvider.System, loggerFactory.CreateLogger<TokenSource>());

        try
        {
            await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TokenRejectedException exception)
        {
            await stderr.WriteLineAsync($"campaign-mcp-bridge: {exception.Message}").ConfigureAwait(false);
            return CredentialsRejected;
        }
        catch (ServerUnreachableException exception)
        {
            // The server may just be restarting: keep running and answer requests with errors until it is back.
            await stderr.WriteLineAsync($"campaign-mcp-bridge: {exception.Message}; will keep trying").ConfigureAwait(false);
        }

        IUpstream upstream = options.Transport == BridgeTransport.Http
            ? new HttpUpstream(http, options, tokens, loggerFactory.CreateLogger<HttpUpstream>())
            : new SignalRUpstream(options, tokens, loggerFactory);
        await using (upstream.ConfigureAwait(false))
        {
            using var server = new StdioServer(upstream, stdout, loggerFactory.CreateLogger<StdioServer>());
            await server.RunAsync(stdin, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
