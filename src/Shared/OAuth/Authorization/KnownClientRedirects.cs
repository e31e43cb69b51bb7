namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// The redirect URIs that the clients named in the default <c>MCP_ALLOWED_CLIENTS</c> are documented to use, so
/// that a short name such as <c>claude</c> admits that client's OAuth sign-in. A redirect URI is what the
/// browser is sent to, so it identifies where the code goes; a loopback one can be any program on the user's
/// machine, which is why the sign-in page marks it as unverified. Sources are in docs/api.md.
/// </summary>
public static class KnownClientRedirects
{
    /// <summary>Pattern: an exact URI, or <c>http://localhost:*/path</c> meaning any port on that loopback host (RFC 8252 §7.3).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByClient = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
    {
        // Claude (claude.ai and claude.com connectors) and Claude Code's local callback.
        ["claude"] = ["https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback", "http://localhost:*/callback"],
        // ChatGPT connectors (OpenAI Apps SDK authentication guide).
        ["chatgpt"] = ["https://chatgpt.com/connector_platform_oauth_redirect"],
        // VS Code's MCP support: its web redirect and its loopback listener.
        ["vscode"] = ["https://vscode.dev/redirect", "http://127.0.0.1:*/"],
        // Cursor's MCP OAuth callback, a private-use scheme (RFC 8252 §7.1).
        ["cursor"] = ["cursor://anysphere.cursor-mcp/oauth/callback"],
    };

    public static bool Matches(string pattern, Uri redirect)
    {
        var any = pattern.IndexOf(":*/", StringComparison.Ordinal);
        if (any < 0)
        {
            return string.Equals(pattern, redirect.OriginalString, StringComparison.Ordinal);
        }

        var host = pattern["http://".Length..any];
        var path = pattern[(any + 2)..];
        return redirect.Scheme == Uri.UriSchemeHttp
            && string.Equals(redirect.Host, host, StringComparison.OrdinalIgnoreCase)
            && string.Equals(redirect.AbsolutePath, path, StringComparison.Ordinal)
            && redirect.Query.Length == 0;
    }
}
