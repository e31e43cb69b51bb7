using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignMcp.Bridge.Configuration;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// The server's SignalR hub at <c>{server}/api/v1/mcp/signalr</c>, method <c>jsonrpc(string)</c>. The token travels
/// in <c>params.auth.token</c> of every message, so renewing it needs no reconnect. A request that finds the connection
/// down starts it under the request policy: there is no second reconnect loop. The service's "Invocation failed,
/// status code N" (https://learn.microsoft.com/azure/azure-signalr/concept-upstream) becomes that status's error.
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
        connection.On<string>(HubMethod, _ => { }); // the tap delivered it already; registered so the client does not warn of an unknown method
        connection.Closed += error =>
        {
            ConnectionDown(logger, error?.Message ?? "closed");
            return Task.CompletedTask;
        };
    }

    public async Task<JsonRpcMessage?> SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var reply = await InvokeAsync(message, token, cancellationToken).ConfigureAwait(false);
        // Expired by the server's clock: renew (once for all requests that hold this token) and send again.
        return reply is JsonRpcError { Error.Code: BridgeErrorCodes.InvalidToken or BridgeErrorCodes.AuthenticationRequired }
            ? await InvokeAsync(message, await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            : reply;
    }

    private async Task<JsonRpcMessage?> InvokeAsync(JsonRpcMessage message, string token, CancellationToken cancellationToken)
    {
        try
        {
            return Parse(await connection.InvokeAsync<string?>(HubMethod, WithToken(message, token), cancellationToken).ConfigureAwait(false));
        }
        catch (HubException exception)
        {
            var text = $"The SignalR service failed the call: {exception.Message}";
            return StatusPattern().Match(exception.Message) is { Success: true } status
                ? throw UpstreamException.FromStatus(int.Parse(status.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture), text)
                : throw new UpstreamException(text);
        }
        catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken))
        {
            throw new UpstreamException($"The SignalR connection failed under the call: {exception.Message}");
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (connection.State == HubConnectionState.Connected)
        {
            return;
        }

        await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        var token = "";
        try
        {
            token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            if (connection.State == HubConnectionState.Disconnected)
            {
                await connection.StartAsync(cancellationToken).ConfigureAwait(false);
                Connected(logger);
            }
        }
        catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.Unauthorized)
        {
            await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false); // negotiate refused the token; the retry takes the new one
            throw;
        }
        catch (Exception exception) when (exception is not HttpRequestException && IsConnectionFailure(exception, cancellationToken))
        {
            throw new UpstreamException($"Cannot connect to the SignalR service: {exception.Message}");
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>What a dropped or refused connection throws (WebSocket, I/O, "not active"), not our cancellation nor the token source's verdict.</summary>
    private static bool IsConnectionFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not UpstreamException && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>Puts the token where the server reads it, <c>params.auth.token</c>.</summary>
    private static string WithToken(JsonRpcMessage message, string token)
    {
        var node = JsonSerializer.SerializeToNode(message, McpJsonUtilities.DefaultOptions)!.AsObject();
        if (node.ContainsKey("method"))
        {
            var parameters = node["params"] as JsonObject ?? [];
            parameters["auth"] = new JsonObject { ["token"] = token };
            node["params"] = parameters;
        }

        return node.ToJsonString();
    }

    private JsonRpcMessage? Parse(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<JsonRpcMessage>(json, McpJsonUtilities.DefaultOptions);
        }
        catch (JsonException exception)
        {
            NotJsonRpc(logger, exception.Message);
            return null;
        }
    }

    [GeneratedRegex(@"status code (\d{3})")]
    private static partial Regex StatusPattern();

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        starting.Dispose();
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "SignalR connection down: {Reason}; the next request reconnects")]
    private static partial void ConnectionDown(ILogger logger, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "SignalR connection up")]
    private static partial void Connected(ILogger logger);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "The server sent something that is not JSON-RPC: {Reason}")]
    private static partial void NotJsonRpc(ILogger logger, string reason);
}
