using System.Net;
using System.Security.Cryptography;
using System.Text;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.SignIn;
using CampaignMcp.Tokens;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// The sign-in and consent page, server-rendered without script. Everything a client asserted (its name, its
/// redirect) is HTML-encoded and marked as unverified; the API key is never written back into the page.
/// </summary>
public static class SignInPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24;line-height:1.45}
        main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
        h1{font-size:1.35rem;margin:0 0 1rem}
        .client{font-weight:600}.note{color:#57606a;font-size:.9rem}
        .unverified{display:inline-block;margin-left:.35rem;padding:0 .4rem;border-radius:.3rem;background:#fff4d6;color:#6b4e00;font-size:.8rem}
        ul{padding-left:1.2rem}li{margin:.35rem 0}code{font-size:.9rem}
        label{display:block;font-weight:600;margin:1rem 0 .35rem}
        .user{padding:.6rem .8rem;border-radius:.4rem;background:#ddf4ff;margin:0 0 1rem}
        .idp{display:block;width:100%;margin:.5rem 0 0}
        input[type=password]{box-sizing:border-box;width:100%;padding:.6rem;font-size:1rem;border:1px solid #8c959f;border-radius:.4rem}
        .error{padding:.6rem .8rem;border-radius:.4rem;background:#ffebe9;color:#82071e;margin:0 0 1rem}
        .actions{display:flex;gap:.75rem;margin-top:1.25rem}
        button{flex:1;padding:.7rem;font-size:1rem;border-radius:.4rem;border:1px solid #8c959f;background:#f6f8fa;cursor:pointer}
        button.approve{background:#1f6feb;border-color:#1f6feb;color:#fff}
        button:focus-visible,input:focus-visible{outline:3px solid #0969da;outline-offset:2px}
        """;

    /// <summary>CSP allows exactly this stylesheet (CSP Level 2 hash source); no script at all.</summary>
    public static readonly string StyleHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    private static readonly IReadOnlyDictionary<string, string> ScopeMeanings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Scopes.CampaignsRead] = "Read your campaigns and their performance figures",
        [Scopes.ToolsCall] = "Call this server's tools on your behalf",
        [Scopes.CampaignsExport] = "Export campaign data in bulk (CSV or JSON)",
        [Scopes.SessionsAdmin] = "See everyone's sessions on this server and sign anyone out",
    };

    public static string Consent(OAuthClient client, AuthorizationRequest request, string formToken, string? error) =>
        Consent(client, request, formToken, error, null);

    /// <summary>
    /// The consent page; with <paramref name="choice"/>, also the "Sign in with …" button, or the signed-in user and
    /// only the scopes their roles grant (the others listed as not granted), without the API-key field.
    /// </summary>
    public static string Consent(OAuthClient client, AuthorizationRequest request, string formToken, string? error, SignInChoice? choice)
    {
        var redirect = new Uri(request.RedirectUri);
        var redirectPlace = redirect.IsLoopback ? $"a program on this computer ({redirect.Host}:{redirect.Port})"
            : redirect.Scheme is "http" or "https" ? redirect.Host
            : $"the app registered for {redirect.Scheme}:";
        var publisher = client.Source == OAuthClientSource.MetadataDocument ? new Uri(client.ClientId).Host : null;
        var body = new StringBuilder();
        body.Append("<h1>Allow access to campaign data?</h1>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(Encode(error)).Append("</p>");
        }

        var user = choice?.User;
        if (user is not null)
        {
            body.Append("<p class=\"user\">Signed in with ").Append(Encode(choice!.ProviderName)).Append(" as <strong>").Append(Encode(user.Name)).Append("</strong>");
            if (user.Username is { } username && username != user.Name)
            {
                body.Append(" (").Append(Encode(username)).Append(')');
            }

            body.Append(".</p>");
        }

        body.Append("<p><span class=\"client\">").Append(Encode(client.Name)).Append("</span><span class=\"unverified\">name not verified</span> wants to use this server.</p>");
        body.Append("<p class=\"note\">");
        body.Append(publisher is null
            ? "It registered itself with this server; nothing about it has been checked."
            : "Its details are published at " + Encode(publisher) + ".");
        body.Append(" After you approve, you return to <strong>").Append(Encode(redirectPlace)).Append("</strong>");
        if (publisher is null || !string.Equals(publisher, redirect.Host, StringComparison.OrdinalIgnoreCase))
        {
            body.Append("<span class=\"unverified\">unverified</span>");
        }

        var notGranted = choice?.NotGranted ?? [];
        body.Append(".</p><p>").Append(user is null ? "It asks to:" : "It will be able to:").Append("</p><ul>");
        foreach (var scope in request.Scopes.Where(scope => !notGranted.Contains(scope)))
        {
            body.Append("<li>").Append(Encode(ScopeMeanings.GetValueOrDefault(scope, scope))).Append(" <code>").Append(Encode(scope)).Append("</code></li>");
        }

        body.Append("</ul>");
        if (notGranted.Count > 0)
        {
            body.Append("<p>Not granted, because your role does not allow it:</p><ul class=\"not-granted\">");
            foreach (var scope in notGranted)
            {
                body.Append("<li>").Append(Encode(ScopeMeanings.GetValueOrDefault(scope, scope))).Append(" <code>").Append(Encode(scope)).Append("</code></li>");
            }

            body.Append("</ul>");
        }

        if (choice is { User: null })
        {
            // A GET to the authorization endpoint with signin=idp: the same request, sent on to the provider.
            body.Append("<form method=\"get\">");
            foreach (var (name, value) in Hidden(request, formToken))
            {
                body.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Encode(value)).Append("\">");
            }

            body.Append("<button type=\"submit\" name=\"signin\" value=\"idp\" class=\"approve idp\">Sign in with ").Append(Encode(choice.ProviderName)).Append("</button></form>");
        }

        body.Append("<form method=\"post\" autocomplete=\"off\">");
        foreach (var (name, value) in Hidden(request, formToken))
        {
            body.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }

        if (choice?.Ticket is { } ticket)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(IdentitySignIn.TicketParameter).Append("\" value=\"").Append(Encode(ticket)).Append("\">");
            body.Append("<p class=\"note\">Approve only if you started this sign-in yourself.</p>");
        }
        else
        {
            if (choice is not null)
            {
                body.Append("<p class=\"note\">Or approve with the server's API key:</p>");
            }

            body.Append("<label for=\"api_key\">This server's API key</label>");
            body.Append("<input type=\"password\" id=\"api_key\" name=\"api_key\" autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" aria-describedby=\"key-help\">");
            body.Append("<p id=\"key-help\" class=\"note\">The key the server's operator gave you (the deployment's <code>API_KEY</code>). Approve only if you started this sign-in yourself.</p>");
        }
        body.Append("<div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"approve\" class=\"approve\">Approve</button></div></form>");
        return Document("Sign in · Campaign MCP", body.ToString());
    }

    /// <summary>An error that must not go to the client's redirect URI (RFC 6749 §4.1.2.1): shown here instead.</summary>
    public static string Problem(string title, string message) =>
        Document(title + " · Campaign MCP", "<h1>" + Encode(title) + "</h1><p class=\"error\" role=\"alert\">" + Encode(message) + "</p><p class=\"note\">Close this window and start the connection again from your app. If it keeps happening, give this message to the server's operator.</p>");

    private static IEnumerable<(string Name, string Value)> Hidden(AuthorizationRequest request, string formToken)
    {
        yield return ("response_type", "code");
        yield return ("client_id", request.ClientId);
        yield return ("redirect_uri", request.RedirectUri);
        if (request.State is { } state)
        {
            yield return ("state", state);
        }

        yield return ("scope", string.Join(' ', request.Scopes));
        if (request.ResourceSent)
        {
            yield return ("resource", request.Resource);
        }

        yield return ("code_challenge", request.CodeChallenge);
        yield return ("code_challenge_method", "S256");
        yield return ("form_token", formToken);
    }

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + Encode(title) + "</title><style>" + Style + "</style></head><body><main>" + body + "</main></body></html>";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
