using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignMcp.Bridge.Configuration;
using CampaignMcp.Bridge.Tokens;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// The server's SignalR path: negotiate at <c>{server}/api/v1/mcp/signalr</c>, then hub <c>mcp</c>, method
/// <c>jsonrpc(string)</c>. The current token travels in <c>params.auth.token</c> of every message, so
/// renewing it needs no reconnect. The connection is (re)started by the request that finds it down, under
/// the request policy; there is no second reconnect loop. An error completion from the service ("Invocation
/// failed, status code N" when the app answered non-2xx) becomes an <see cref="UpstreamException"/>.
/// </summary>
public sealed partial class SignalRUpstream : IUpstream
{
    private const string HubMethod = "jsonrpc";
    private readonly HubConnection connection;
    private readonly TokenSource tokens;
    private readonly ILogger<SignalRUpstream> logger;
    private readonly SemaphoreSlim starting = new(1, 1);

    public SignalRUpstream(BridgeOptions options, TokenSource tokens, Action<JsonRpcMessage> serverMessage, ILoggerFactory loggerFactory)
    {
        this.tokens = tokens;
        logger = loggerFactory.CreateLogger<SignalRUpstream>();
        var builder = new HubConnectionBuilder()
            .WithUrl(options.SignalRHub, http => http.AccessTokenProvider = async () => await tokens.GetAsync(CancellationToken.None).ConfigureAwait(false));
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHubProtocol>(new ServerMessageTap(new JsonHubProtocol(), HubMethod, json =>
        {
            if (Parse(json) is { } message)
            {
                serverMessage(message);
            }
        }));
        connection = builder.Build();
        connection.On<string>(HubMethod, _ => { }); // delivered by the tap already; registered so the client does not warn of an unknown method
        connection.Closed += error =>
        {
            ConnectionClosed(logger, error?.Message ?? "closed");
            return Task.CompletedTask;
        };
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidOperationException or TimeoutException or ServerUnreachableException)
        {
            ConnectionClosed(logger, exception.Message); // the first request tries again
        }
    }

    public async Task<JsonRpcMessage?> SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var reply = await InvokeAsync(message, token, cancellationToken).ConfigureAwait(false);
        if (reply is JsonRpcError { Error.Code: BridgeErrorCodes.InvalidToken or BridgeErrorCodes.AuthenticationRequired })
        {
            // The server's clock says the token has expired: renew it and send once more.
            reply = await InvokeAsync(message, await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        return reply;
    }

    private async Task<JsonRpcMessage?> InvokeAsync(JsonRpcMessage message, string token, CancellationToken cancellationToken)
    {
        string? reply;
        try
        {
            reply = await connection.InvokeAsync<string?>(HubMethod, WithToken(message, token), cancellationToken).ConfigureAwait(false);
        }
        catch (HubException exception)
        {
            throw ServiceError(exception.Message);
        }

        return reply is null ? null : Parse(reply);
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (connection.State == HubConnectionState.Connected)
        {
            return;
        }

        await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection.State == HubConnectionState.Disconnected)
            {
                var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await connection.StartAsync(cancellationToken).ConfigureAwait(false);
                    Connected(logger);
                }
                catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.Unauthorized)
                {
                    await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false); // negotiate refused the token; the retry takes a new one
                    throw;
                }
            }
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>Puts the token where the server reads it, <c>params.auth.token</c>.</summary>
    private static string WithToken(JsonRpcMessage message, string token)
    {
        var node = JsonSerializer.SerializeToNode(message, McpJsonUtilities.DefaultOptions)!.AsObject();
        if (node.ContainsKey("method"))
        {
            if (node["params"] is not JsonObject parameters)
            {
                node["params"] = parameters = [];
            }

            parameters["auth"] = new JsonObject { ["token"] = token };
        }

        return node.ToJsonString();
    }

    private JsonRpcMessage? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonRpcMessage>(json, McpJsonUtilities.DefaultOptions);
        }
        catch (JsonException exception)
        {
            NotJsonRpc(logger, exception.Message);
            return null;
        }
    }

    /// <summary>The service's error completion, with the app's status when it names one (https://learn.microsoft.com/azure/azure-signalr/concept-upstream).</summary>
    private static UpstreamException ServiceError(string text) =>
        StatusPattern().Match(text) is { Success: true } match
            ? UpstreamException.FromStatus(int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture), $"The SignalR service failed the call: {text}")
            : new UpstreamException($"The SignalR service failed the call: {text}", transient: true, BridgeErrorCodes.ServerUnavailable);

    [GeneratedRegex(@"status code (\d{3})")]
    private static partial Regex StatusPattern();

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        starting.Dispose();
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "SignalR connection down: {Reason}; the next request reconnects")]
    private static partial void ConnectionClosed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "SignalR connection up")]
    private static partial void Connected(ILogger logger);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "The server sent something that is not JSON-RPC: {Reason}")]
    private static partial void NotJsonRpc(ILogger logger, string reason);
}
