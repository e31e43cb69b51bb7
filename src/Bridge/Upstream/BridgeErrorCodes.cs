namespace CampaignMcp.Bridge.Upstream;

/// <summary>Codes of the JSON-RPC errors the bridge writes (https://www.jsonrpc.org/specification#error_object), as the server uses them.</summary>
public static class BridgeErrorCodes
{
    public const int InvalidRequest = -32600;
    public const int InternalError = -32603;
    public const int ServerUnavailable = -32000; // unreachable, or no answer within the deadline
    public const int AuthenticationRequired = -32001; // credentials refused (from the server also: no token)
    public const int InvalidToken = -32003; // the server's answer to an expired or revoked token
}
