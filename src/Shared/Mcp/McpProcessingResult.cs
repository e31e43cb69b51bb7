namespace CampaignMcp.Mcp;

/// <summary>
/// The outcome of one transport message: the JSON to send back (null when the message needs no
/// answer: notifications and responses), and, for a single message refused for authorization, why.
/// </summary>
/// <param name="Notifications">Messages the server sent before the reply (progress), for transports that can deliver them.</param>
public sealed record McpProcessingResult(byte[]? Response, McpAuthFailure? AuthFailure, IReadOnlyList<byte[]> Notifications)
{
    public static readonly McpProcessingResult NoResponse = new(null, null, []);

    public McpProcessingResult(byte[]? response, McpAuthFailure? authFailure)
        : this(response, authFailure, [])
    {
    }
}
