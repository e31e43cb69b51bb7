using System.Text.Json;
using CampaignMcp.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>
/// The body of <c>POST /api/v1/mcp/auth/refresh</c>: <c>{"refresh_token": "...", "scope": [...]}</c>, where
/// <c>scope</c> is optional (omitted keeps the scopes granted) and may be one space-separated string.
/// </summary>
public sealed record RefreshRequest(string RefreshToken, IReadOnlyList<string>? Scopes)
{
    /// <summary>Parses the body into a request, or the error that says what is wrong with it.</summary>
    public static Outcome<RefreshRequest, ApiError> Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = JsonRequestBody.ParseObject(utf8Json, out var jsonError);
        if (document is null)
        {
            return ParsedRequest.Invalid<RefreshRequest>(jsonError!);
        }

        var root = document.RootElement;
        if (!root.TryGetProperty("refresh_token", out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String
            || tokenElement.GetString() is not { Length: > 0 } refreshToken)
        {
            return ParsedRequest.Invalid<RefreshRequest>("refresh_token is required and must be a non-empty string");
        }

        IReadOnlyList<string>? scopes = null;
        if (root.TryGetProperty("scope", out var scopeElement) && scopeElement.ValueKind != JsonValueKind.Null)
        {
            scopes = TokenRequest.ReadScopes(root, out var scopeError);
            if (scopes is null)
            {
                return ParsedRequest.InvalidScope<RefreshRequest>(scopeError!);
            }
        }

        return ParsedRequest.Of(new RefreshRequest(refreshToken, scopes));
    }
}
