namespace CampaignMcp.Mcp;

/// <summary>
/// JSON-RPC error codes this server adds for authorization and storage, in the implementation-defined
/// server error range (-32000 to -32099) and clear of the codes MCP itself uses (-32002, -32020 to
/// -32022, -32042). Documented in the README.
/// </summary>
public static class McpErrorCodes
{
    public const int AuthenticationRequired = -32001;
    public const int InvalidToken = -32003;
    public const int InsufficientScope = -32004;
    public const int ServiceUnavailable = -32005;

    /// <summary>The store did not answer; the request changed nothing and can be repeated after <c>data.retry_after_seconds</c>.</summary>
    public const int StorageUnavailable = -32010;
}
