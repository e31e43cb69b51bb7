namespace CampaignMcp.Mcp.Tools;

/// <summary>
/// Reports progress of a long call; sends <c>notifications/progress</c> when the caller asked for it
/// with a <c>_meta.progressToken</c>, else does nothing.
/// </summary>
public delegate ValueTask ToolProgress(long done, long? total, string message);
