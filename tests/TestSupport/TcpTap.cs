using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CampaignMcp.TestSupport;

/// <summary>
/// A loopback TCP relay in front of a server (Azurite) that runs an action the first time a request whose
/// bytes contain a marker (e.g. <c>$batch</c>) passes, just before forwarding it: the way to freeze the store
/// exactly between an app's read and its write.
/// </summary>
public sealed class TcpTap : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> relays = [];
    private readonly Task accepting;
    private (string Marker, Action Action)? trigger;

    public TcpTap(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Runs <paramref name="action"/> once, when the next request carrying <paramref name="marker"/> arrives.</summary>
    public void OnNext(string marker, Action action)
    {
        lock (relays)
        {
            trigger = (marker, action);
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (relays)
            {
                relays.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
                var upstream = PumpAsync(client.GetStream(), server.GetStream(), watch: true);
                var downstream = PumpAsync(server.GetStream(), client.GetStream(), watch: false);
                await Task.WhenAny(upstream, downstream);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool watch)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, stopping.Token);
                if (read == 0)
                {
                    return;
                }

                if (watch)
                {
                    Action? fire = null;
                    lock (relays)
                    {
                        if (trigger is { } armed && Encoding.ASCII.GetString(buffer, 0, read).Contains(armed.Marker, StringComparison.Ordinal))
                        {
                            fire = armed.Action;
                            trigger = null;
                        }
                    }

                    fire?.Invoke();
                }

                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] running;
        lock (relays)
        {
            running = [.. relays];
        }

        await Task.WhenAll(running);
        stopping.Dispose();
    }
}
