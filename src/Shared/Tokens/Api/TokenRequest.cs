using System.Text.Json;
using CampaignMcp.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>
/// The body of <c>POST /api/v1/mcp/auth/token</c>: <c>{"client_id": "claude", "scope": [...]}</c>, with
/// <c>scope</c> also accepted as one space-separated string (RFC 6749 §3.3) and defaulting to
/// <see cref="Tokens.Scopes.Default"/> when omitted or null.
/// </summary>
public sealed record TokenRequest(string ClientId, IReadOnlyList<string> Scopes)
{
    public const int MaximumClientIdLength = 128;

    /// <summary>Parses the body into a request, or the error that says what is wrong with it.</summary>
    public static Outcome<TokenRequest, ApiError> Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = JsonRequestBody.ParseObject(utf8Json, out var jsonError);
        if (document is null)
        {
            return ParsedRequest.Invalid<TokenRequest>(jsonError!);
        }

        var root = document.RootElement;
        if (!root.TryGetProperty("client_id", out var clientElement) || clientElement.ValueKind != JsonValueKind.String
            || clientElement.GetString() is not { } clientId || string.IsNullOrWhiteSpace(clientId))
        {
            return ParsedRequest.Invalid<TokenRequest>("client_id is required and must be a non-empty string");
        }

        if (clientId.Length > MaximumClientIdLength || clientId.Any(char.IsControl))
        {
            // Control characters could forge log lines; the OAuth endpoint refuses them the same way.
            return ParsedRequest.Invalid<TokenRequest>($"client_id must be at most {MaximumClientIdLength} characters without control characters");
        }

        var scopes = ReadScopes(root, out var scopeError);
        return scopes is null
            ? ParsedRequest.InvalidScope<TokenRequest>(scopeError!)
            : ParsedRequest.Of(new TokenRequest(clientId.Trim(), scopes));
    }

    /// <summary>The <c>scope</c> member: null member gives the default; null result means an error.</summary>
    internal static IReadOnlyList<string>? ReadScopes(JsonElement root, out string? error)
    {
        error = null;
        if (!root.TryGetProperty("scope", out var scopeElement) || scopeElement.ValueKind == JsonValueKind.Null)
        {
            return Tokens.Scopes.Default;
        }

        List<string> requested = [];
        switch (scopeElement.ValueKind)
        {
            case JsonValueKind.String:
                requested.AddRange(scopeElement.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                break;
            case JsonValueKind.Array:
                foreach (var item in scopeElement.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        error = "scope must be an array of strings or one space-separated string";
                        return null;
                    }

                    requested.Add(item.GetString()!);
                }

                break;
            default:
                error = "scope must be an array of strings or one space-separated string";
                return null;
        }

        return CheckScopes(requested, out error);
    }

    /// <summary>Requested scope names in canonical order without duplicates; null with <paramref name="error"/> when empty or unknown.</summary>
    internal static IReadOnlyList<string>? CheckScopes(IReadOnlyCollection<string> requested, out string? error)
    {
        error = null;
        if (requested.Count == 0)
        {
            error = $"scope names no scope; supported scopes: {string.Join(", ", Tokens.Scopes.Known)}";
            return null;
        }

        var unknown = requested.Where(scope => !Tokens.Scopes.IsKnown(scope)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            var shown = string.Join(", ", unknown.Take(5).Select(scope => scope.Length > 64 ? scope[..64] + "…" : scope));
            error = $"Unknown scope: {shown}; supported scopes: {string.Join(", ", Tokens.Scopes.Known)}";
            return null;
        }

        // Canonical order, duplicates removed.
        return Tokens.Scopes.Known.Where(requested.Contains).ToArray();
    }
}
