using CampaignMcp.Bridge.Commands;
using CampaignMcp.Bridge.Configuration;
using CampaignMcp.Bridge.Forwarding;
using CampaignMcp.Bridge.Upstream;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

const int ConfigurationError = 2;
const int CredentialsRejected = 3;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    stop.Cancel();
};

if (args is ["config", ..])
{
    await using var output = new StreamWriter(Console.OpenStandardOutput());
    return ClientConfigCommand.Run(args[1..], Environment.GetEnvironmentVariable, output, Console.Error);
}

if (args is ["--help" or "-h" or "help", ..])
{
    await Console.Error.WriteLineAsync(BridgeOptionsParser.Usage);
    return 0;
}

BridgeOptions options;
try
{
    options = BridgeOptionsParser.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync($"campaign-mcp-bridge: {exception.Message}");
    return ConfigurationError;
}

try
{
    using var loggerFactory = LoggerFactory.Create(logging => logging
        .SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Warning)
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace) // stdout carries MCP only
        .AddSimpleConsole(console => console.SingleLine = true)
        .AddFilter("Microsoft.AspNetCore", options.Verbose ? LogLevel.Information : LogLevel.Warning));
    using var tokenHttp = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    using var tokens = new TokenSource(tokenHttp, options, TimeProvider.System, loggerFactory.CreateLogger<TokenSource>());
    try
    {
        await tokens.GetAsync(stop.Token);
    }
    catch (UpstreamException exception) when (!exception.Transient)
    {
        await Console.Error.WriteLineAsync($"campaign-mcp-bridge: {exception.Message}");
        return CredentialsRejected;
    }
    catch (UpstreamException exception)
    {
        // The server may just be restarting: keep running; requests retry until their deadline.
        await Console.Error.WriteLineAsync($"campaign-mcp-bridge: {exception.Message}; will keep trying");
    }

    // The SDK's stdio transport reads stdin. It drops what is sent once stdin has ended, while the requests read
    // before are still owed their answers: the outbox writes them.
    await using var client = new StreamServerTransport(Console.OpenStandardInput(), Stream.Null, "campaign-mcp-bridge", loggerFactory);
    var logger = loggerFactory.CreateLogger<RequestForwarder>();
    var outbox = new ClientOutbox(Console.OpenStandardOutput(), logger);
    await using IUpstream upstream = options.Transport == BridgeTransport.Http
        ? new HttpUpstream(options, tokens, outbox.Post)
        : new SignalRUpstream(options, tokens, outbox.Post, loggerFactory);
    using var forwarder = new RequestForwarder(client.MessageReader, upstream, outbox, options.RequestTimeout, TimeProvider.System, logger);
    var writing = outbox.RunAsync(stop.Token);
    await forwarder.RunAsync(stop.Token);
    outbox.Complete();
    await writing;
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}
