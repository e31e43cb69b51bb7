namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Which redirect URIs a client may register, and whether a presented one matches a registered one.
/// Acceptable: <c>https</c>; <c>http</c> on a loopback host (127.0.0.1, [::1], localhost; RFC 8252 §7.3,
/// §8.3); an app's private-use scheme such as <c>com.example.app:/cb</c> (RFC 8252 §7.1; see <see cref="IsPrivateUseScheme"/>).
/// Never a fragment (RFC 6749 §3.1.2) or userinfo. <c>application_type</c> narrows this as OpenID Connect
/// Dynamic Client Registration §2 says and the MCP 2026-07-28 revision asks: <c>web</c> clients register
/// https URIs on non-loopback hosts only. A client that does not say (clients of earlier MCP revisions) may
/// register any acceptable kind.
/// </summary>
public static class RedirectUriRules
{
    public const int MaximumLength = 2048;

    private static readonly System.Buffers.SearchValues<char> SchemeCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-.");

    /// <summary>Null when <paramref name="redirectUri"/> may be registered by a client of <paramref name="applicationType"/>; else why not.</summary>
    public static string? Problem(string redirectUri, string? applicationType)
    {
        if (string.IsNullOrWhiteSpace(redirectUri))
        {
            return "A redirect URI is empty.";
        }

        if (redirectUri.Length > MaximumLength)
        {
            return $"A redirect URI is longer than {MaximumLength} characters.";
        }

        if (redirectUri.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return "A redirect URI contains spaces or control characters.";
        }

        if (redirectUri.Contains('#', StringComparison.Ordinal))
        {
            return "A redirect URI must not contain a fragment (#).";
        }

        if (redirectUri.Contains('*', StringComparison.Ordinal))
        {
            return "A redirect URI must not contain wildcards; register each one exactly.";
        }

        // A scheme first: on Unix, Uri reads "/callback" as an absolute file path.
        var colon = redirectUri.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(redirectUri[0]) || redirectUri.AsSpan(0, colon).ContainsAnyExcept(SchemeCharacters)
            || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri))
        {
            return "A redirect URI is not an absolute URI.";
        }

        if (uri.UserInfo.Length > 0 || Authority(redirectUri)?.Contains('@', StringComparison.Ordinal) == true)
        {
            return "A redirect URI must not contain a user name or password.";
        }

        var web = applicationType == ApplicationTypes.Web;
        var scheme = SchemeOf(redirectUri);
        if (scheme == Uri.UriSchemeHttps)
        {
            if (uri.Host.Length == 0)
            {
                return "An https redirect URI must have a host.";
            }

            return web && IsLoopbackHost(uri) ? "A web client's redirect URIs must not use a loopback host; register as a native client (application_type \"native\")." : null;
        }

        if (scheme == Uri.UriSchemeHttp)
        {
            if (!IsLoopbackHost(uri))
            {
                return "An http redirect URI is allowed only on a loopback host (127.0.0.1, [::1] or localhost); use https.";
            }

            return web ? "A web client's redirect URIs must use https; a loopback http redirect belongs to a native client (application_type \"native\")." : null;
        }

        if (!IsPrivateUseScheme(scheme))
        {
            return "A redirect URI must use https, http on a loopback host, or an app's own private-use scheme such as com.example.app:/callback.";
        }

        return web ? "A web client's redirect URIs must use https; private-use schemes belong to native clients (application_type \"native\")." : null;
    }

    /// <summary>
    /// True when <paramref name="presentedRedirectUri"/> is one of the client's redirect URIs, compared as exact
    /// strings (RFC 9700 §4.1.3); the one exception is a loopback http redirect, whose port may differ (RFC 8252 §7.3)
    /// because native apps listen on whatever port the OS gives them.
    /// </summary>
    public static bool Matches(OAuthClient client, string presentedRedirectUri)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrEmpty(presentedRedirectUri))
        {
            return false;
        }

        foreach (var registered in client.RedirectUris)
        {
            if (string.Equals(registered, presentedRedirectUri, StringComparison.Ordinal))
            {
                return true;
            }

            if (WithoutLoopbackPort(registered) is { } registeredForm
                && WithoutLoopbackPort(presentedRedirectUri) is { } presentedForm
                && string.Equals(registeredForm, presentedForm, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>http://host/rest</c> for a loopback http URI written <c>http://host[:port]/rest</c> with a numeric port,
    /// exactly as written otherwise (case included); null for anything else.
    /// </summary>
    private static string? WithoutLoopbackPort(string value)
    {
        const string Prefix = "http://";
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal)
            || Authority(value) is not { } authority || authority.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var host = authority;
        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && colon > authority.LastIndexOf(']'))
        {
            var port = authority[(colon + 1)..];
            if (port.Length == 0 || port.Length > 5 || !port.All(char.IsAsciiDigit))
            {
                return null;
            }

            host = authority[..colon];
        }

        if (host is not ("127.0.0.1" or "[::1]" or "localhost"))
        {
            return null;
        }

        return Prefix + host + value[(Prefix.Length + authority.Length)..];
    }

    /// <summary>The authority as written (between <c>//</c> and the next <c>/</c>, <c>?</c> or end), or null when there is none.</summary>
    private static string? Authority(string value)
    {
        var start = value.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += 3;
        var end = value.IndexOfAny(['/', '?', '#'], start);
        return end < 0 ? value[start..] : value[start..end];
    }

    private static string SchemeOf(string value) => value[..Math.Max(0, value.IndexOf(':', StringComparison.Ordinal))];

    /// <summary>
    /// An <c>http</c> URI on a loopback host, any port and path: a native app's redirect (RFC 8252 §7.3). Only
    /// <c>http</c>, which §7.3 specifies; a loopback <c>https</c> redirect is not a native app's listener.
    /// </summary>
    public static bool IsLoopbackHttp(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttp && uri.UserInfo.Length == 0 && IsLoopbackHost(uri);
    }

    /// <summary>The lowercase spellings only: a redirect that differs in case from the registered one is a different string anyway.</summary>
    private static bool IsLoopbackHost(Uri uri) => uri.Host is "127.0.0.1" or "[::1]" or "localhost";

    /// <summary>
    /// RFC 8252 §7.1 asks for a reverse domain name (<c>com.example.app</c>), but clients people use register
    /// others: Cursor registers <c>cursor://anysphere.cursor-mcp/oauth/callback</c>
    /// (https://github.com/TanStack/tanstack.com/pull/667). PKCE binds the code to the app that started the flow,
    /// so any syntactically valid lowercase scheme (RFC 3986 §3.1) is accepted except those a browser or OS
    /// handles itself, which no app can claim.
    /// </summary>
    private static bool IsPrivateUseScheme(string scheme) =>
        scheme.Length is >= 2 and <= 100
        && char.IsAsciiLetterLower(scheme[0])
        && scheme.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '-' or '.')
        && !ReservedSchemes.Contains(scheme);

    /// <summary>Schemes with a meaning of their own in browsers and operating systems.</summary>
    private static readonly HashSet<string> ReservedSchemes = new(StringComparer.Ordinal)
    {
        "about", "blob", "chrome", "chrome-extension", "data", "edge", "file", "filesystem", "ftp", "intent", "javascript",
        "jar", "mailto", "moz-extension", "ms-settings", "resource", "sms", "tel", "urn", "vbscript", "view-source", "ws", "wss",
    };
}
