using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tokens.Revocation;

/// <summary>Revocation-list events, in the authentication range 1000-1099.</summary>
public static partial class RevocationLog
{
    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Could not refresh the revocation list; keeping the {Count} revocations known: {Reason}")]
    public static partial void RevocationSyncFailed(ILogger logger, int count, string reason);
}
