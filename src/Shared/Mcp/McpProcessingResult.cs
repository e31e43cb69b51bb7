namespace CampaignMcp.Mcp;

/// <summary>
/// The outcome of one transport message: the JSON to send back (null when the message needs no
/// answer: notifications and responses), and, for a single message refused for authorization, why.
/// </summary>
public sealed record McpProcessingResult(byte[]? Response, McpAuthFailure? AuthFailure)
{
    public static readonly McpProcessingResult NoResponse = new(null, null);
}
