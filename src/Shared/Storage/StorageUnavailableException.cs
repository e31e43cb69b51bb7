namespace CampaignMcp.Storage;

/// <summary>
/// The backing store could not be reached or answered with a server error. HTTP surfaces turn it into
/// 503 with <c>Retry-After</c>; MCP tools into a JSON-RPC error. The message never holds a connection string.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public StorageUnavailableException()
        : this("Storage is unavailable")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TimeSpan RetryAfter { get; init; } = DefaultRetryAfter;
}
