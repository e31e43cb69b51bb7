namespace CampaignMcp.Tokens.Revocation;

public sealed record RevokedToken(string TokenId, DateTimeOffset ExpiresAt);
