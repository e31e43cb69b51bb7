namespace CampaignMcp.OAuth.Clients;

/// <summary>Thrown from the fetch's connect step when a host resolves only to addresses <see cref="PublicAddress"/> refuses.</summary>
public sealed class BlockedAddressException : Exception
{
    public BlockedAddressException()
    {
    }

    public BlockedAddressException(string message)
        : base(message)
    {
    }

    public BlockedAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
