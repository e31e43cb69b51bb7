namespace CampaignMcp.SignalR;

/// <summary>No key to sign service tokens with: the message says why and is safe to show (no token, key or secret).</summary>
public sealed class SignalRUnavailableException(string message) : Exception(message);
