using CampaignMcp.Tokens;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// How an OAuth client maps onto <c>MCP_ALLOWED_CLIENTS</c>, whose meaning is unchanged: the list of clients that
/// may have tokens. An entry admits an OAuth sign-in when it is
/// <list type="bullet">
/// <item>a short name (<see cref="KnownClientRedirects"/>) whose documented redirect URIs hold the sign-in's redirect URI, or,
/// for a client that runs on the user's computer (<c>claude</c>, <c>cursor</c>, <c>vscode</c>, <c>continue</c>), any
/// loopback <c>http</c> redirect: every program there is the same trust level (<see cref="KnownClient"/>);</item>
/// <item>the client's own id: a Client ID Metadata Document URL such as <c>https://app.example/mcp-client.json</c>;</item>
/// <item>an origin (<c>https://app.example</c>, or <c>http://localhost</c> / <c>http://127.0.0.1</c> for any loopback port) or a
/// private-use scheme (<c>com.example.app:</c>) that the redirect URI has.</item>
/// </list>
/// The entry that admitted the client becomes the tokens' <c>client_id</c>, so the audit log and every later check
/// (a client removed from the list loses its tokens) work as for the other grants.
/// </summary>
public sealed class AllowedOAuthClients(TokenSettings settings)
{
    /// <summary>
    /// Decided from the client id and redirect URI alone, so that it runs before the client is looked up: a client the
    /// list does not admit never makes the server fetch its metadata document.
    /// </summary>
    public string? EntryFor(string clientId, string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect))
        {
            return null;
        }

        // The client's own id, when listed, names it more precisely than any redirect pattern.
        if (settings.AllowedClients.Contains(clientId))
        {
            return settings.AllowedClientList.First(entry => string.Equals(entry, clientId, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var entry in settings.AllowedClientList)
        {
            if (Admits(entry, redirect))
            {
                return entry;
            }
        }

        return null;
    }

    private static bool Admits(string entry, Uri redirect)
    {
        if (KnownClientRedirects.ByClient.TryGetValue(entry, out var known))
        {
            return KnownClientRedirects.Admits(known, redirect);
        }

        if (entry.EndsWith(':') && !entry.Contains('/', StringComparison.Ordinal))
        {
            return string.Equals(redirect.Scheme + ":", entry, StringComparison.OrdinalIgnoreCase);
        }

        if (!Uri.TryCreate(entry, UriKind.Absolute, out var origin) || origin.AbsolutePath != "/" || entry.TrimEnd('/').Length != origin.GetLeftPart(UriPartial.Authority).Length)
        {
            return false;
        }

        if (origin.IsLoopback && redirect.IsLoopback && origin.Scheme == redirect.Scheme)
        {
            // RFC 8252 §7.3: a native client's loopback listener gets a new port each time.
            return string.Equals(origin.Host, redirect.Host, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(origin.GetLeftPart(UriPartial.Authority), redirect.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}
