using System.Text.Json;

namespace CampaignMcp.Tokens.Api;

/// <summary>
/// The body of <c>POST /api/v1/mcp/auth/refresh</c>: <c>{"refresh_token": "...", "scope": [...]}</c>, where
/// <c>scope</c> is optional (omitted keeps the scopes granted) and may be one space-separated string.
/// </summary>
public sealed record RefreshRequest(string RefreshToken, IReadOnlyList<string>? Scopes)
{
    /// <summary>Parses the body; on failure <paramref name="error"/> says what is wrong and <paramref name="isScopeError"/> which kind.</summary>
    public static RefreshRequest? Parse(ReadOnlySpan<byte> utf8Json, out string? error, out bool isScopeError)
    {
        isScopeError = false;
        using var document = JsonRequestBody.ParseObject(utf8Json, out error);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (!root.TryGetProperty("refresh_token", out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String
            || tokenElement.GetString() is not { Length: > 0 } refreshToken)
        {
            error = "refresh_token is required and must be a non-empty string";
            return null;
        }

        IReadOnlyList<string>? scopes = null;
        if (root.TryGetProperty("scope", out var scopeElement) && scopeElement.ValueKind != JsonValueKind.Null)
        {
            scopes = TokenRequest.ReadScopes(root, out error);
            if (scopes is null)
            {
                isScopeError = true;
                return null;
            }
        }

        error = null;
        return new RefreshRequest(refreshToken, scopes);
    }
}
