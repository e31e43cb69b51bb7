using System.Text.Json.Serialization;

namespace CampaignMcp.Tokens.Api;

/// <summary>
/// <c>data</c> of a successful token response (RFC 6749 §5.1 names, <c>scope</c> as the original's array);
/// <c>refresh_token</c> only when refresh tokens are on.
/// </summary>
public sealed record TokenResponseData(
    string AccessToken,
    string TokenType,
    long ExpiresIn,
    IReadOnlyList<string> Scope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RefreshTokenExpiresIn = null);
