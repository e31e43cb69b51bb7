using CampaignMcp.SignalR;
using Microsoft.AspNetCore.SignalR;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// The client-facing side of the stand-in. Like the real service in serverless mode it holds no app
/// logic: connects, disconnects and invocations are forwarded upstream to the message handler.
/// </summary>
public sealed class ServiceHub(UpstreamForwarder upstream, ConnectionRegistry registry) : Hub
{
    public override async Task OnConnectedAsync()
    {
        registry.Add(Context.ConnectionId, UpstreamForwarder.UserId(Context.User));
        await upstream.ConnectionEventAsync(Context, UpstreamRequest.ConnectedEvent, null).ConfigureAwait(false);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(Context.ConnectionId);
        await upstream.ConnectionEventAsync(Context, UpstreamRequest.DisconnectedEvent, exception?.Message).ConfigureAwait(false);
    }

    /// <summary>The hub contract's one method; see <see cref="HubContract"/>.</summary>
    [HubMethodName(HubContract.JsonRpcMethod)]
    public Task<string?> JsonRpc(string message) => upstream.InvokeAsync(Context, HubContract.JsonRpcMethod, [message]);
}
