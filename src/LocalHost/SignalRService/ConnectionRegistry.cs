using System.Collections.Concurrent;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>Which connections are open, for the REST API's existence checks and 404s.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, string?> connections = new(StringComparer.Ordinal);

    public void Add(string connectionId, string? userId) => connections[connectionId] = userId;

    public void Remove(string connectionId) => connections.TryRemove(connectionId, out _);

    public bool Contains(string connectionId) => connections.ContainsKey(connectionId);
}
