using System.Diagnostics.Metrics;

namespace CampaignMcp.SignalR;

/// <summary>Connections opened and closed as the service reported them upstream, per instance, also as metrics.</summary>
public sealed class SignalRConnectionCounter : IDisposable
{
    public const string MeterName = "CampaignMcp.SignalR";
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> opened;
    private readonly Counter<long> closed;
    private long openedCount;
    private long closedCount;

    public SignalRConnectionCounter()
    {
        opened = meter.CreateCounter<long>("campaign_mcp.signalr.connections.opened");
        closed = meter.CreateCounter<long>("campaign_mcp.signalr.connections.closed");
    }

    public long Opened => Interlocked.Read(ref openedCount);

    public long Closed => Interlocked.Read(ref closedCount);

    public void Connected()
    {
        Interlocked.Increment(ref openedCount);
        opened.Add(1);
    }

    public void Disconnected()
    {
        Interlocked.Increment(ref closedCount);
        closed.Add(1);
    }

    public void Dispose() => meter.Dispose();
}
