namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// Codes of the JSON-RPC errors the bridge writes itself (https://www.jsonrpc.org/specification#error_object):
/// the standard ones, and -32000/-32001 in the server range, as the server uses them.
/// </summary>
public static class BridgeErrorCodes
{
    public const int InvalidRequest = -32600;
    public const int InternalError = -32603;

    /// <summary>The server could not be reached, or did not answer within the deadline.</summary>
    public const int ServerUnavailable = -32000;

    /// <summary>The server refused the bridge's credentials (and, from the server, a missing token).</summary>
    public const int AuthenticationRequired = -32001;

    /// <summary>The server's answer to an expired or revoked token.</summary>
    public const int InvalidToken = -32003;
}
