using CampaignMcp.Tokens.Api;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// The parameters of an authorization request (RFC 6749 §4.1.1, PKCE RFC 7636 §4.3, resource RFC 8707 §2),
/// from the query (GET) or carried through the sign-in form (POST).
/// </summary>
public sealed record AuthorizationRequest(
    string ClientId,
    string RedirectUri,
    string? State,
    string CodeChallenge,
    IReadOnlyList<string> Scopes,
    string Resource,
    bool ResourceSent)
{
    public const int MaximumValueLength = 2048;

    /// <summary>
    /// The two parameters that decide where errors may go (§4.1.2.1): until both are known and trusted, every
    /// error is shown on the page. Null when either is missing or unusable.
    /// </summary>
    public static (string ClientId, string RedirectUri)? Target(IReadOnlyDictionary<string, string> parameters, out string? problem)
    {
        problem = null;
        if (!parameters.TryGetValue("client_id", out var clientId) || clientId.Length == 0)
        {
            problem = "The request does not say which client is asking (client_id is missing).";
            return null;
        }

        if (!parameters.TryGetValue("redirect_uri", out var redirectUri) || redirectUri.Length == 0)
        {
            // The MCP profile requires redirect_uri on every request (OAuth 2.1 §4.1.1).
            problem = "The request does not say where to return (redirect_uri is missing).";
            return null;
        }

        if (clientId.Length > MaximumValueLength || redirectUri.Length > MaximumValueLength || clientId.Any(char.IsControl) || redirectUri.Any(char.IsControl))
        {
            problem = "The client_id or redirect_uri is too long or holds control characters.";
            return null;
        }

        return (clientId, redirectUri);
    }

    /// <summary>
    /// The rest of the request, once the redirect URI is trusted: errors here go back to the client (§4.1.2.1)
    /// as <c>(error, description)</c>.
    /// </summary>
    public static AuthorizationRequest? Parse(IReadOnlyDictionary<string, string> parameters, string clientId, string redirectUri, string resource, out (string Code, string Description)? error)
    {
        error = null;
        string? Get(string name) => parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        if (parameters.Values.Any(value => value.Length > MaximumValueLength))
        {
            error = (AuthorizationErrorCodes.InvalidRequest, $"A parameter is longer than {MaximumValueLength} characters");
            return null;
        }

        var responseType = Get("response_type");
        if (responseType is null)
        {
            error = (AuthorizationErrorCodes.InvalidRequest, "response_type is required");
            return null;
        }

        if (responseType != "code")
        {
            error = (AuthorizationErrorCodes.UnsupportedResponseType, "Only response_type=code is supported");
            return null;
        }

        var challenge = Get("code_challenge");
        var method = Get("code_challenge_method");
        if (challenge is null)
        {
            // OAuth 2.1 and the MCP authorization spec: PKCE is mandatory.
            error = (AuthorizationErrorCodes.InvalidRequest, "code_challenge is required (PKCE with S256)");
            return null;
        }

        if (method != "S256")
        {
            // RFC 7636 §4.3 defaults to plain when absent; plain gives no protection against a stolen code.
            error = (AuthorizationErrorCodes.InvalidRequest, "code_challenge_method must be S256 (plain is not accepted)");
            return null;
        }

        if (!Pkce.IsChallenge(challenge))
        {
            error = (AuthorizationErrorCodes.InvalidRequest, "code_challenge must be the 43-character base64url SHA-256 of the verifier");
            return null;
        }

        IReadOnlyList<string> scopes = Tokens.Scopes.Default;
        if (Get("scope") is { } scope)
        {
            var checkedScopes = TokenRequest.CheckScopes(scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), out var scopeError);
            if (checkedScopes is null)
            {
                error = (AuthorizationErrorCodes.InvalidScope, scopeError!);
                return null;
            }

            scopes = checkedScopes;
        }

        var sentResource = Get("resource");
        if (sentResource is not null && !ResourceMatches(sentResource, resource))
        {
            error = (AuthorizationErrorCodes.InvalidTarget, $"resource must be this server's MCP endpoint, {resource}");
            return null;
        }

        return new AuthorizationRequest(clientId, redirectUri, Get("state"), challenge, scopes, resource, sentResource is not null);
    }

    /// <summary>RFC 8707 names the resource by its URI; a trailing slash is the same resource.</summary>
    public static bool ResourceMatches(string sent, string resource) =>
        string.Equals(sent.TrimEnd('/'), resource.TrimEnd('/'), StringComparison.Ordinal);
}
