using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// The JSON hub protocol, with the server's <c>jsonrpc</c> messages taken where the receive loop parses them:
/// the client runs <c>On</c> handlers from a queue of their own but completes invocations directly, so a handler
/// could see progress after the response that followed it on the wire.
/// </summary>
public sealed class ServerMessageTap(IHubProtocol inner, string method, Action<string> onMessage) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var parsed = inner.TryParseMessage(ref input, binder, out message);
        if (parsed && message is InvocationMessage { Arguments: [string json] } invocation && string.Equals(invocation.Target, method, StringComparison.OrdinalIgnoreCase))
        {
            onMessage(json);
        }

        return parsed;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
}
