using CampaignMcp.OAuth.Clients;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// The clients named in the default <c>MCP_ALLOWED_CLIENTS</c>: the redirect URIs each is documented to use, and
/// whether it runs on the user's computer (then any loopback redirect admits it, see <see cref="KnownClient"/>). A
/// redirect URI is what the browser is sent to, so it identifies where the code goes. Sources are in docs/api.md.
/// </summary>
public static class KnownClientRedirects
{
    public static readonly IReadOnlyDictionary<string, KnownClient> ByClient = new Dictionary<string, KnownClient>(StringComparer.OrdinalIgnoreCase)
    {
        // Claude (claude.ai and claude.com connectors); Claude Desktop and Claude Code listen on loopback.
        ["claude"] = new(["https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback"], RunsOnUsersComputer: true),
        // ChatGPT connectors (OpenAI Apps SDK authentication guide): a web client only.
        ["chatgpt"] = new(["https://chatgpt.com/connector_platform_oauth_redirect"], RunsOnUsersComputer: false),
        // VS Code's MCP support: its web redirect, and its loopback listener on the desktop.
        ["vscode"] = new(["https://vscode.dev/redirect"], RunsOnUsersComputer: true),
        // Cursor's MCP OAuth callback, a private-use scheme (RFC 8252 §7.1).
        ["cursor"] = new(["cursor://anysphere.cursor-mcp/oauth/callback"], RunsOnUsersComputer: true),
        // Continue (VS Code and JetBrains extension) registers a loopback listener, http://localhost:3000 with a
        // state query (continuedev/continue core/context/mcp/MCPOauth.ts); it documents no other redirect.
        ["continue"] = new([], RunsOnUsersComputer: true),
    };

    public static bool Admits(KnownClient client, Uri redirect) =>
        client.RedirectUris.Contains(redirect.OriginalString, StringComparer.Ordinal)
        || (client.RunsOnUsersComputer && RedirectUriRules.IsLoopbackHttp(redirect));
}
