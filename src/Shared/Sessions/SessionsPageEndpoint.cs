using System.Security.Cryptography;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.OAuth.Authorization;
using CampaignMcp.SignIn;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.ClientAuthentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Sessions;

/// <summary>
/// <c>GET|POST /api/v1/mcp/sessions/manage</c>: the sessions page. The API key typed once, or a sign-in with the
/// organization's provider (<c>?signin=idp</c>, back here with a one-time ticket), starts a 15-minute cookie
/// (<see cref="OperatorCookie"/>). The operator and administrators (app role granting <c>sessions:admin</c>) see every
/// active session and revoke one, every session of a user or every session of an app; anyone else who signs in sees and
/// revokes their own. Same headers and CSP as the sign-in page: no script, no framing, forms post only here.
/// </summary>
public sealed class SessionsPageEndpoint(
    ServiceReadiness readiness,
    ApiKeyAuthenticator apiKeys,
    OperatorCookie cookies,
    SessionDirectory sessions,
    IdentitySignIn signIn,
    DeploymentSettings deployment,
    TimeProvider time,
    ILogger<SessionsPageEndpoint> logger) : IHttpEndpoint
{
    private const int MaximumBodyBytes = 8192;
    private static readonly IReadOnlyList<string> GetAndPost = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    /// <summary>
    /// The browser that started a provider sign-in here: its ticket is bound to this cookie's nonce, so the ticket
    /// serves this page only (never an MCP authorization), and only in that browser: someone else's ticket in a link
    /// cannot sign this browser in as them (login CSRF, RFC 6749 §10.12).
    /// </summary>
    private const string SignInNonceCookie = "mcp_sessions_signin";

    public string Surface => "sessions-page";

    public IReadOnlyList<string> Methods => GetAndPost;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var address = ClientAddress.Of(context);
        SecureHeaders(context);
        if (!readiness.IsServiceable)
        {
            return Page(StatusCodes.Status503ServiceUnavailable, SignInPage("The server is not fully configured: " + readiness.Describe()));
        }

        var now = time.GetUtcNow();
        var signedIn = cookies.Check(context.Request.Cookies[OperatorCookie.Name], now);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            var query = context.Request.Query;
            if (signIn.IsEnabled && query.TryGetValue(IdentitySignIn.TicketParameter, out var ticket))
            {
                return await ProviderReturnAsync(context, ticket.Count == 1 ? ticket.ToString() : "", signedIn, address, cancellationToken).ConfigureAwait(false);
            }

            if (signIn.IsEnabled && query["signin"] == "idp")
            {
                return await SendToProviderAsync(context, address, cancellationToken).ConfigureAwait(false);
            }

            return signedIn is { } current ? await ListAsync(current.Nonce, current.Caller, null, cancellationToken).ConfigureAwait(false) : Page(StatusCodes.Status200OK, SignInPage(null));
        }

        var form = await ReadFormAsync(context).ConfigureAwait(false);
        if (form is null)
        {
            return Page(StatusCodes.Status400BadRequest, SignInPage("The form could not be read. Reload the page and try again."));
        }

        var action = form.GetValueOrDefault("action");
        if (action == "signin")
        {
            var authentication = await apiKeys.AuthenticateAsync(Surface, ApiKeyCredential.SignInPage, form.GetValueOrDefault("api_key"), null, address, cancellationToken).ConfigureAwait(false);
            if (!authentication.Succeeded)
            {
                var status = authentication.Result == ApiKeyAuthenticationResult.LockedOut ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
                return Page(status, SignInPage(status == StatusCodes.Status429TooManyRequests ? "Too many wrong keys. Try again later." : "That API key is not right."));
            }

            return await StartAsync(context, SessionCaller.Operator, now, cancellationToken).ConfigureAwait(false);
        }

        if (signedIn is not var (nonce, caller) || !cookies.CsrfMatches(form.GetValueOrDefault("csrf"), nonce))
        {
            return Page(StatusCodes.Status401Unauthorized, SignInPage("Your sign-in to this page has expired, or the form did not come from this page. Sign in again."));
        }

        if (action == "signout")
        {
            context.Response.Cookies.Delete(OperatorCookie.Name, CookieOptions(context, null));
            return Page(StatusCodes.Status200OK, SignInPage(null));
        }

        var target = form.GetValueOrDefault("value");
        SessionFilter? filter = string.IsNullOrEmpty(target) ? null : form.GetValueOrDefault("kind") switch
        {
            "session" => new SessionFilter(SessionId: target),
            "user" => new SessionFilter(User: target),
            "client" => new SessionFilter(ClientId: target),
            _ => null,
        };
        if (action != "revoke" || filter is null)
        {
            return await ListAsync(nonce, caller, null, cancellationToken).ConfigureAwait(false);
        }

        if (caller.Narrow(filter) is not { } allowed)
        {
            return await ListAsync(nonce, caller, "You can revoke only your own sessions.", cancellationToken, StatusCodes.Status403Forbidden).ConfigureAwait(false);
        }

        var revoked = await sessions.RevokeAsync(allowed, caller.Name, address, cancellationToken).ConfigureAwait(false);
        return await ListAsync(nonce, caller, $"Revoked {revoked} session(s).", cancellationToken).ConfigureAwait(false);
    }

    public IResult Failure(int statusCode, string code, string message) => Page(statusCode, SignInPage(message));

    /// <summary>Back from the provider with a one-time ticket: an administrator (role granting sessions:admin) sees every session, anyone else their own.</summary>
    private async Task<IResult> ProviderReturnAsync(HttpContext context, string handle, (string Nonce, SessionCaller Caller)? signedIn, string address, CancellationToken cancellationToken)
    {
        var nonce = context.Request.Cookies[SignInNonceCookie];
        context.Response.Cookies.Delete(SignInNonceCookie, NonceCookieOptions(context, null));
        var ticket = handle.Length is > 0 and <= 256 && nonce is { Length: > 0 and <= 64 }
            ? await signIn.TakeTicketAsync(handle, PageBinding(nonce), cancellationToken).ConfigureAwait(false)
            : null;
        if (ticket is null)
        {
            // A reload of the page the return landed on: the ticket is used up, the cookie it set still holds.
            return signedIn is { } current
                ? await ListAsync(current.Nonce, current.Caller, null, cancellationToken).ConfigureAwait(false)
                : Page(StatusCodes.Status400BadRequest, SignInPage("That sign-in has expired or was already used. Sign in again."));
        }

        var user = ticket.User;
        var caller = ticket.Grantable.Contains(Scopes.SessionsAdmin, StringComparer.Ordinal)
            ? SessionCaller.Administrator(user.Subject, user.Name)
            : SessionCaller.SignedIn(user.Subject, user.Name);
        SessionLog.PageSignedIn(logger, caller.Name, address);
        return await StartAsync(context, caller, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IResult> SendToProviderAsync(HttpContext context, string address, CancellationToken cancellationToken)
    {
        try
        {
            var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
            var (location, state) = await signIn.StartAsync(new Dictionary<string, string>(), PageBinding(nonce), "the sessions page", deployment.PublicBaseUrl + "/" + Routes.OAuthIdentityProviderCallback, Routes.SessionsPage, address, cancellationToken).ConfigureAwait(false);
            signIn.SetStateCookie(context, state);
            context.Response.Cookies.Append(SignInNonceCookie, nonce, NonceCookieOptions(context, time.GetUtcNow() + IdentitySignIn.PendingLifetime + IdentitySignIn.TicketLifetime));
            context.Response.Headers.Location = location;
            return Results.StatusCode(StatusCodes.Status302Found);
        }
        catch (IdentityProviderUnavailableException)
        {
            var page = signIn.Unavailable();
            return Page(page.StatusCode, SignInPage(page.Message));
        }
    }

    private async Task<IResult> StartAsync(HttpContext context, SessionCaller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (value, nonce, expiresAt) = cookies.Create(now, caller);
        context.Response.Cookies.Append(OperatorCookie.Name, value, CookieOptions(context, expiresAt));
        return await ListAsync(nonce, caller, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IResult> ListAsync(string nonce, SessionCaller caller, string? message, CancellationToken cancellationToken, int statusCode = StatusCodes.Status200OK)
    {
        var list = await sessions.ListAsync(caller.Narrow(new SessionFilter())!, cancellationToken).ConfigureAwait(false);
        return Page(statusCode, OperatorPage.Sessions(list, cookies.Csrf(nonce), message, caller, isError: statusCode != StatusCodes.Status200OK));
    }

    private string SignInPage(string? error) => OperatorPage.SignIn(error, signIn.IsEnabled ? signIn.ProviderName : null);

    private static string PageBinding(string nonce) => IdentitySignIn.Binding("sessions page", nonce);

    /// <summary>The sign-in nonce is <c>SameSite=Lax</c>: the provider's return reaches this page through a cross-site redirect chain.</summary>
    private static CookieOptions NonceCookieOptions(HttpContext context, DateTimeOffset? expiresAt) => CookieOptions(context, expiresAt, SameSiteMode.Lax);

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expiresAt, SameSiteMode sameSite = SameSiteMode.Strict) => new()
    {
        HttpOnly = true,
        SameSite = sameSite,
        Secure = context.Request.IsHttps,
        Path = "/" + Routes.SessionsPage,
        Expires = expiresAt,
    };

    private static void SecureHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src {OperatorPage.StyleHash}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    private static IResult Page(int statusCode, string html) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);

    private static async Task<IReadOnlyDictionary<string, string>?> ReadFormAsync(HttpContext context)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var body = await RequestBody.ReadAsync(context.Request, MaximumBodyBytes, context.RequestAborted).ConfigureAwait(false);
        return body is null ? null : FormParameters.Parse(body);
    }
}
