namespace CampaignMcp.SignalR;

/// <summary>The key that signs service tokens: the AccessKey (no id), or a temporary key the service issued, with its <c>kid</c>.</summary>
public sealed record SignalRSigningKey(string? KeyId, string Value);
