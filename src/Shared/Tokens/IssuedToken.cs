namespace CampaignMcp.Tokens;

public sealed record IssuedToken(string AccessToken, long ExpiresInSeconds, IReadOnlyList<string> Scopes, string TokenId, DateTimeOffset ExpiresAt);
