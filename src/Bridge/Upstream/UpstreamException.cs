namespace CampaignMcp.Bridge.Upstream;

/// <summary>The server or the SignalR service failed a message or refused a token. Transient failures (the default) are retried.</summary>
/// <param name="jsonRpcCode">The code of the client's error if this is the last word.</param>
public sealed class UpstreamException(string message, bool transient = true, int jsonRpcCode = BridgeErrorCodes.ServerUnavailable, Exception? inner = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;

    public int JsonRpcCode { get; } = jsonRpcCode;

    // 408 and 429 ask to come back later; other 4xx answers would be the same next time.
    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    /// <summary>An HTTP status from the server, or inside a service's "Invocation failed, status code N".</summary>
    public static UpstreamException FromStatus(int status, string what) =>
        new(what, IsTransientStatus(status), IsTransientStatus(status) ? BridgeErrorCodes.ServerUnavailable : BridgeErrorCodes.InvalidRequest);
}
