using System.Text.Json.Nodes;
using CampaignMcp.Bridge.Configuration;
using CampaignMcp.Bridge.Stdio;
using CampaignMcp.Bridge.Tokens;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// The server's SignalR path: negotiate at <c>{server}/api/v1/mcp/signalr</c>, then hub <c>mcp</c>,
/// method <c>jsonrpc(string)</c>. The current token travels in <c>params.auth.token</c> of every message,
/// so renewing it needs no reconnect. A dropped connection is reconnected with backoff and jitter; a
/// request caught by the drop is sent again once the connection is back (the campaign tools only read).
/// </summary>
public sealed partial class SignalRUpstream : IUpstream
{
    public static readonly TimeSpan ReconnectWait = TimeSpan.FromSeconds(60);
    private readonly HubConnection connection;
    private readonly TokenSource tokens;
    private readonly ILogger<SignalRUpstream> logger;
    private readonly SemaphoreSlim connecting = new(1, 1);

    public SignalRUpstream(BridgeOptions options, TokenSource tokens, ILoggerFactory loggerFactory)
    {
        this.tokens = tokens;
        logger = loggerFactory.CreateLogger<SignalRUpstream>();
        connection = new HubConnectionBuilder()
            .WithUrl(options.SignalRHub, http => http.AccessTokenProvider = async () => await tokens.GetAsync(CancellationToken.None).ConfigureAwait(false))
            .WithAutomaticReconnect(new JitteredRetryPolicy())
            .Build();
        connection.On<string>("jsonrpc", async message =>
        {
            if (OnServerMessage is { } deliver)
            {
                await deliver(message).ConfigureAwait(false);
            }
        });
        connection.Reconnecting += error =>
        {
            ConnectionLost(logger, error?.Message ?? "closed");
            return Task.CompletedTask;
        };
        connection.Reconnected += _ =>
        {
            Reconnected(logger);
            return Task.CompletedTask;
        };
    }

    public Func<string, Task>? OnServerMessage { get; set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            ConnectionLost(logger, exception.Message);
        }
    }

    public async Task<string?> SendAsync(JsonNode message, string raw, CancellationToken cancellationToken)
    {
        var renewed = false;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            string? reply;
            try
            {
                reply = await connection.InvokeAsync<string?>("jsonrpc", JsonRpc.WithToken(message, token), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The connection dropped under this request: wait for it to come back and send again.
                ConnectionLost(logger, exception.Message);
                continue;
            }

            if (!renewed && JsonRpc.ErrorCode(reply) is JsonRpc.InvalidToken or JsonRpc.AuthenticationRequired)
            {
                renewed = true;
                await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
                attempt--;
                continue;
            }

            return reply;
        }

        throw new TimeoutException("The connection to the MCP server kept dropping; the request was not answered");
    }

    /// <summary>Waits until the connection is up, starting it when it is down (the built-in reconnect covers drops after a start).</summary>
    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ReconnectWait;
        for (var attempt = 0; connection.State != HubConnectionState.Connected; attempt++)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Could not reach the MCP server over SignalR within {ReconnectWait.TotalSeconds:0}s");
            }

            if (connection.State == HubConnectionState.Disconnected)
            {
                await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (connection.State == HubConnectionState.Disconnected)
                    {
                        await connection.StartAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidOperationException)
                {
                    if (exception is HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized })
                    {
                        await tokens.RenewAsync(null, cancellationToken).ConfigureAwait(false);
                    }

                    ConnectionLost(logger, exception.Message);
                }
                finally
                {
                    connecting.Release();
                }
            }

            await Task.Delay(connection.State == HubConnectionState.Disconnected ? Backoff.Delay(attempt) : TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        connecting.Dispose();
    }

    /// <summary>Never gives up: a desktop bridge should come back whenever the server does.</summary>
    private sealed class JitteredRetryPolicy : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => Backoff.Delay((int)Math.Min(retryContext.PreviousRetryCount, 10));
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "SignalR connection lost or unavailable: {Reason}; reconnecting")]
    private static partial void ConnectionLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "SignalR connection re-established")]
    private static partial void Reconnected(ILogger logger);
}
