using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CampaignMcp.Sessions;

/// <summary>
/// The sessions page, server-rendered without script like the sign-in page: the API key form (and "Sign in with …"),
/// then the active sessions with buttons that revoke one, or for the operator and administrators every session of its
/// user or of its app.
/// </summary>
public static class OperatorPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24;line-height:1.45}
        main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
        main.wide{max-width:64rem}
        .scroll{overflow-x:auto}
        @media (max-width:40rem){main{margin:0;border-radius:0}}
        h1{font-size:1.35rem;margin:0 0 1rem}
        .note{color:#57606a;font-size:.9rem}
        label{display:block;font-weight:600;margin:1rem 0 .35rem}
        input[type=password]{box-sizing:border-box;width:100%;padding:.6rem;font-size:1rem;border:1px solid #8c959f;border-radius:.4rem}
        .error{padding:.6rem .8rem;border-radius:.4rem;background:#ffebe9;color:#82071e;margin:0 0 1rem}
        .done{padding:.6rem .8rem;border-radius:.4rem;background:#dafbe1;color:#116329;margin:0 0 1rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}
        code{font-size:.85rem;word-break:break-all}
        form.inline{display:inline}
        button{padding:.45rem .7rem;font-size:.9rem;border-radius:.4rem;border:1px solid #8c959f;background:#f6f8fa;cursor:pointer;margin:0 .25rem .25rem 0}
        button.primary{width:100%;padding:.7rem;font-size:1rem;background:#1f6feb;border-color:#1f6feb;color:#fff;margin-top:1rem}
        button.danger{border-color:#cf222e;color:#a40e26}
        a.provider{display:block;box-sizing:border-box;width:100%;padding:.7rem;font-size:1rem;text-align:center;border-radius:.4rem;background:#1f6feb;color:#fff;text-decoration:none;margin-top:1rem}
        button:focus-visible,input:focus-visible,a.provider:focus-visible{outline:3px solid #0969da;outline-offset:2px}
        """;

    /// <summary>CSP allows exactly this stylesheet (CSP Level 2 hash source); no script at all.</summary>
    public static readonly string StyleHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    /// <summary>The sign-in: the API key, and "Sign in with …" when the organization's provider is configured.</summary>
    public static string SignIn(string? error, string? providerName)
    {
        var body = new StringBuilder("<h1>Sessions</h1>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(Encode(error)).Append("</p>");
        }

        body.Append("<p class=\"note\">Who is connected to this server, through which app, and since when. The server's operator and administrators see everyone's sessions; anyone else who signs in sees their own.</p>");
        if (providerName is not null)
        {
            // A link, not a form: CSP form-action would also govern the redirect to the provider.
            body.Append("<a class=\"provider\" href=\"?signin=idp\">Sign in with ").Append(Encode(providerName)).Append("</a>");
            body.Append("<p class=\"note\">Or, for the server's operator:</p>");
        }

        body.Append("<form method=\"post\" autocomplete=\"off\"><input type=\"hidden\" name=\"action\" value=\"signin\">");
        body.Append("<label for=\"api_key\">This server's API key</label>");
        body.Append("<input type=\"password\" id=\"api_key\" name=\"api_key\" autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\">");
        body.Append("<button type=\"submit\" class=\"primary\">Show sessions</button></form>");
        return Document("Sessions · Campaign MCP", body.ToString(), wide: false);
    }

    /// <summary>The sessions <paramref name="caller"/> may see, with the revocations they may make.</summary>
    public static string Sessions(IReadOnlyList<Session> sessions, string csrf, string? message, SessionCaller caller, bool isError = false)
    {
        var body = new StringBuilder(caller.IsOperator ? "<h1>Sessions</h1>" : "<h1>Your sessions</h1>");
        if (caller.User is not null)
        {
            body.Append("<p class=\"note\">Signed in as ").Append(Encode(caller.UserName ?? caller.User)).Append(caller.IsOperator ? " (administrator)" : "").Append(".</p>");
        }

        if (message is not null)
        {
            body.Append(isError ? "<p class=\"error\" role=\"alert\">" : "<p class=\"done\" role=\"status\">").Append(Encode(message)).Append("</p>");
        }

        if (sessions.Count == 0)
        {
            body.Append("<p>No active sessions.</p>");
        }
        else
        {
            body.Append("<p class=\"note\">").Append(sessions.Count.ToString(CultureInfo.InvariantCulture)).Append(" active session(s). Revoking one stops its app on every instance within seconds; the person signs in again to continue.</p>");
            body.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">User</th><th scope=\"col\">App</th><th scope=\"col\">Scopes</th><th scope=\"col\">Created</th><th scope=\"col\">Last used</th><th scope=\"col\">Revoke</th></tr></thead><tbody>");
            foreach (var session in sessions)
            {
                body.Append("<tr><td>").Append(Encode(session.UserName ?? "(API key)"));
                if (session.User is { } user)
                {
                    body.Append("<br><code>").Append(Encode(user)).Append("</code>");
                }

                body.Append("</td><td><code>").Append(Encode(session.ClientId)).Append("</code>");
                if (!string.Equals(session.ClientEntry, session.ClientId, StringComparison.Ordinal))
                {
                    body.Append("<br>admitted as <code>").Append(Encode(session.ClientEntry)).Append("</code>");
                }

                body.Append("</td><td>").Append(Encode(string.Join(' ', session.Scopes))).Append("</td><td>").Append(Time(session.CreatedAt)).Append("</td><td>").Append(Time(session.LastUsedAt)).Append("</td><td>");
                Button(body, csrf, "session", session.SessionId, "This session", "Revoke session " + session.SessionId);
                if (caller.IsOperator && session.User is { } subject)
                {
                    Button(body, csrf, "user", subject, "All of this user", "Revoke every session of " + (session.UserName ?? subject));
                }

                if (caller.IsOperator)
                {
                    Button(body, csrf, "client", session.ClientId, "All of this app", "Revoke every session of " + session.ClientId);
                }

                body.Append("</td></tr>");
            }

            body.Append("</tbody></table></div>");
        }

        body.Append("<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"signout\"><input type=\"hidden\" name=\"csrf\" value=\"").Append(Encode(csrf)).Append("\"><button type=\"submit\">Sign out</button></form>");
        return Document("Sessions · Campaign MCP", body.ToString(), wide: true);
    }

    private static void Button(StringBuilder body, string csrf, string kind, string value, string text, string label)
    {
        body.Append("<form method=\"post\" class=\"inline\"><input type=\"hidden\" name=\"action\" value=\"revoke\"><input type=\"hidden\" name=\"csrf\" value=\"").Append(Encode(csrf))
            .Append("\"><input type=\"hidden\" name=\"kind\" value=\"").Append(kind).Append("\"><input type=\"hidden\" name=\"value\" value=\"").Append(Encode(value))
            .Append("\"><button type=\"submit\" class=\"danger\" aria-label=\"").Append(Encode(label)).Append("\">").Append(Encode(text)).Append("</button></form>");
    }

    private static string Time(DateTimeOffset time) =>
        "<time datetime=\"" + time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) + "\">" + time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + "</time>";

    private static string Document(string title, string body, bool wide) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + Encode(title) + "</title><style>" + Style + "</style></head><body><main" + (wide ? " class=\"wide\"" : "") + ">" + body + "</main></body></html>";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
