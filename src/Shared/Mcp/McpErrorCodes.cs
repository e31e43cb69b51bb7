using ModelContextProtocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// JSON-RPC error codes this server adds for authorization and storage, in the implementation-defined
/// server error range (-32000 to -32099) and clear of the codes MCP itself uses (-32002, -32020 to
/// -32022, -32042). Typed as the SDK's <see cref="McpErrorCode"/> so that no call site casts; documented in docs/api.md.
/// </summary>
public static class McpErrorCodes
{
    public const McpErrorCode AuthenticationRequired = (McpErrorCode)(-32001);
    public const McpErrorCode InvalidToken = (McpErrorCode)(-32003);
    public const McpErrorCode InsufficientScope = (McpErrorCode)(-32004);
    public const McpErrorCode ServiceUnavailable = (McpErrorCode)(-32005);

    /// <summary>The store did not answer; the request changed nothing and can be repeated after <c>data.retry_after_seconds</c>.</summary>
    public const McpErrorCode StorageUnavailable = (McpErrorCode)(-32010);
}
