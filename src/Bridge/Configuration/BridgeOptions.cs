namespace CampaignMcp.Bridge.Configuration;

public enum BridgeTransport
{
    SignalR,
    Http,
}

/// <summary>Everything the bridge needs, from the environment with command-line flags as overrides.</summary>
public sealed record BridgeOptions(Uri ServerUrl, string ApiKey, string ClientId, IReadOnlyList<string> Scopes, BridgeTransport Transport, TimeSpan RequestTimeout, bool Verbose)
{
    public const string DefaultClientId = "claude";

    /// <summary>How long a request may take, retries included, before the bridge answers it with an error.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);
    public static readonly IReadOnlyList<string> AllScopes = ["campaigns:read", "campaigns:export", "tools:call"];

    public Uri TokenEndpoint => new(ServerUrl, "api/v1/mcp/auth/token");

    public Uri RefreshEndpoint => new(ServerUrl, "api/v1/mcp/auth/refresh");

    public Uri McpEndpoint => new(ServerUrl, "api/v1/mcp");

    public Uri SignalRHub => new(ServerUrl, "api/v1/mcp/signalr");
}
