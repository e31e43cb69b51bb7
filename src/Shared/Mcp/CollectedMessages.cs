namespace CampaignMcp.Mcp;

/// <summary>Keeps the server's messages for a caller that reads them after the reply.</summary>
public sealed class CollectedMessages : IMcpMessageSink
{
    private readonly List<byte[]> messages = [];

    public IReadOnlyList<byte[]> Messages => messages;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        messages.Add(message.ToArray());
        return ValueTask.CompletedTask;
    }
}
