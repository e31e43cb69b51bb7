using System.Net;
using System.Net.Sockets;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// The connect step of the metadata-document fetch (a <see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the
/// host here and connects only to an address <see cref="PublicAddress"/> admits, then checks the peer it reached, so a
/// name cannot point the server at its own network (SSRF, CIMD draft §6.5). Development may allow private addresses.
/// </summary>
public sealed class PublicAddressConnector(bool allowPrivateAddresses)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new BlockedAddressException($"{host} has no public address");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);

                // Check the peer actually connected to, not only what DNS said.
                if (socket.RemoteEndPoint is not IPEndPoint peer || !IsAllowed(peer.Address))
                {
                    throw new BlockedAddressException($"{host} connected to a non-public address");
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private bool IsAllowed(IPAddress address) => allowPrivateAddresses || PublicAddress.Is(address);
}
