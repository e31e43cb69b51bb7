namespace CampaignMcp.Bridge.Tokens;

/// <summary>The server could not be reached or failed; worth retrying later.</summary>
public sealed class ServerUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
