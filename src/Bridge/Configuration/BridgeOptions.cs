namespace CampaignMcp.Bridge.Configuration;

public enum BridgeTransport
{
    SignalR,
    Http,
}

/// <summary>Everything the bridge needs, from the environment with command-line flags as overrides.</summary>
/// <param name="RequestTimeout">How long a request may take, retries included, before the bridge answers it with an error.</param>
public sealed record BridgeOptions(Uri ServerUrl, string ApiKey, string ClientId, IReadOnlyList<string> Scopes, BridgeTransport Transport, TimeSpan RequestTimeout, bool Verbose)
{
    public Uri TokenEndpoint => new(ServerUrl, "api/v1/mcp/auth/token");

    public Uri RefreshEndpoint => new(ServerUrl, "api/v1/mcp/auth/refresh");

    public Uri McpEndpoint => new(ServerUrl, "api/v1/mcp");

    public Uri SignalRHub => new(ServerUrl, "api/v1/mcp/signalr");
}
