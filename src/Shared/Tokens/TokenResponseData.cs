namespace CampaignMcp.Tokens;

/// <summary><c>data</c> of a successful token response (RFC 6749 §5.1 names, <c>scope</c> as the original's array).</summary>
public sealed record TokenResponseData(string AccessToken, string TokenType, long ExpiresIn, IReadOnlyList<string> Scope);
