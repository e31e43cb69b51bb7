namespace CampaignMcp.Bridge.Upstream;

/// <summary>The server or the SignalR service failed a message. Transient failures are retried until the request's deadline.</summary>
public sealed class UpstreamException(string message, bool transient, int jsonRpcCode) : Exception(message)
{
    public bool Transient { get; } = transient;

    /// <summary>The code of the JSON-RPC error the client gets if this is the last word.</summary>
    public int JsonRpcCode { get; } = jsonRpcCode;

    /// <summary>An HTTP status from the server, or inside a service's "Invocation failed, status code N".</summary>
    public static UpstreamException FromStatus(int status, string what)
    {
        // 408 and 429 ask to come back later; other 4xx answers would be the same next time.
        var transient = status is 408 or 429 or >= 500;
        return new UpstreamException(what, transient, transient ? BridgeErrorCodes.ServerUnavailable : BridgeErrorCodes.InvalidRequest);
    }
}
