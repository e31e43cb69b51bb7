namespace CampaignMcp.Bridge.Tokens;

/// <summary>The server answered, and said no: wrong key, client not allowed, unknown scope. Not worth retrying.</summary>
public sealed class TokenRejectedException(string message) : Exception(message);
