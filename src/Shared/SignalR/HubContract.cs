namespace CampaignMcp.SignalR;

/// <summary>
/// The MCP hub as clients see it. Hub <c>mcp</c> has one method, <c>jsonrpc(message: string)</c>: the
/// argument is one JSON-RPC message and the completion's result is the JSON-RPC response as a string
/// (null for a notification). Server-initiated messages (progress notifications) arrive as client
/// method <c>jsonrpc</c> with one string argument.
/// </summary>
public static class HubContract
{
    public const string HubName = "mcp";
    public const string JsonRpcMethod = "jsonrpc";

    /// <summary>Claim names this app puts in the service's client access token; the service echoes them upstream.</summary>
    public const string McpTokenClaim = "mcp.token";
    public const string ScopeClaim = "mcp.scope";

    /// <summary>Who the MCP token named (user and stable id), for the connection's audit lines; authorizes nothing.</summary>
    public const string AuditUserClaim = "mcp.user";
    public const string UserIdClaim = "asrs.s.uid";
    public const string NameIdentifierClaim = "nameid";
}
