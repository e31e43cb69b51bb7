namespace CampaignMcp.TestSupport;

/// <summary>What the token endpoint granted: an access token and, when refresh tokens are on, a refresh token.</summary>
public sealed record TestGrant(string AccessToken, string? RefreshToken, IReadOnlyList<string> Scopes);
