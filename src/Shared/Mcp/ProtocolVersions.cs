namespace CampaignMcp.Mcp;

/// <summary>
/// MCP protocol versions this server accepts in <c>MCP-Protocol-Version</c> (those the C# SDK 2.4.0
/// supports). https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#protocol-version-header
/// </summary>
public static class ProtocolVersions
{
    public static readonly IReadOnlyList<string> Supported = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    public static bool IsSupported(string version) => Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>Most messages one batch may carry: every element is a full dispatch, and all replies are held at once.</summary>
    public const int MaximumBatchSize = 10;

    /// <summary>
    /// What a Streamable HTTP request without <c>MCP-Protocol-Version</c> speaks: "the server SHOULD assume protocol
    /// version 2025-03-26" (spec 2025-06-18 and later, transports, "Protocol Version Header").
    /// </summary>
    public const string AssumedWithoutHeader = "2025-03-26";

    /// <summary>The first version whose requests carry their protocol version in <c>_meta</c> (the SDK validates them).</summary>
    public const string VersionedRequests = "2026-07-28";

    /// <summary>
    /// JSON-RPC batches exist up to 2025-03-26 and were removed in 2025-06-18. They are accepted only when
    /// the transport names such a version (or assumes it, as HTTP without the header does), never on SignalR, which names none.
    /// </summary>
    public static bool AllowsBatches(string? version) => version is not null && string.CompareOrdinal(version, "2025-03-26") <= 0;
}
