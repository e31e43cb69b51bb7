using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.OAuth.Authorization;
using CampaignMcp.Tokens.ClientAuthentication;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Sessions;

/// <summary>
/// <c>GET|POST /api/v1/mcp/sessions/manage</c>: the operator's page. The API key, typed once, starts a 15-minute
/// operator cookie (<see cref="OperatorCookie"/>); the page then lists active sessions and revokes one, every session
/// of a user or every session of an app. Same headers and CSP as the sign-in page: no script, no framing, forms post
/// only here.
/// </summary>
public sealed class SessionsPageEndpoint(ServiceReadiness readiness, ApiKeyAuthenticator apiKeys, OperatorCookie cookies, SessionDirectory sessions, TimeProvider time) : IHttpEndpoint
{
    private const int MaximumBodyBytes = 8192;
    private static readonly IReadOnlyList<string> GetAndPost = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    public string Surface => "sessions-page";

    public IReadOnlyList<string> Methods => GetAndPost;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var address = ClientAddress.Of(context);
        SecureHeaders(context);
        if (!readiness.IsServiceable)
        {
            return Page(StatusCodes.Status503ServiceUnavailable, OperatorPage.SignIn("The server is not fully configured: " + readiness.Describe()));
        }

        var now = time.GetUtcNow();
        var nonce = cookies.Check(context.Request.Cookies[OperatorCookie.Name], now);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return nonce is null ? Page(StatusCodes.Status200OK, OperatorPage.SignIn(null)) : await ListAsync(nonce, null, cancellationToken).ConfigureAwait(false);
        }

        var form = await ReadFormAsync(context).ConfigureAwait(false);
        if (form is null)
        {
            return Page(StatusCodes.Status400BadRequest, OperatorPage.SignIn("The form could not be read. Reload the page and try again."));
        }

        var action = form.GetValueOrDefault("action");
        if (action == "signin")
        {
            var authentication = await apiKeys.AuthenticateAsync(Surface, ApiKeyCredential.SignInPage, form.GetValueOrDefault("api_key"), null, address, cancellationToken).ConfigureAwait(false);
            if (!authentication.Succeeded)
            {
                var status = authentication.Result == ApiKeyAuthenticationResult.LockedOut ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
                return Page(status, OperatorPage.SignIn(status == StatusCodes.Status429TooManyRequests ? "Too many wrong keys. Try again later." : "That API key is not right."));
            }

            var (value, expiresAt) = cookies.Create(now);
            context.Response.Cookies.Append(OperatorCookie.Name, value, CookieOptions(context, expiresAt));
            return await ListAsync(cookies.Check(value, now)!, null, cancellationToken).ConfigureAwait(false);
        }

        if (nonce is null || !cookies.CsrfMatches(form.GetValueOrDefault("csrf"), nonce))
        {
            return Page(StatusCodes.Status401Unauthorized, OperatorPage.SignIn("Your operator sign-in has expired, or the form did not come from this page. Enter the API key again."));
        }

        if (action == "signout")
        {
            context.Response.Cookies.Delete(OperatorCookie.Name, CookieOptions(context, null));
            return Page(StatusCodes.Status200OK, OperatorPage.SignIn(null));
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
            return await ListAsync(nonce, null, cancellationToken).ConfigureAwait(false);
        }

        var revoked = await sessions.RevokeAsync(filter, SessionCaller.Operator.Name, address, cancellationToken).ConfigureAwait(false);
        return await ListAsync(nonce, $"Revoked {revoked} session(s).", cancellationToken).ConfigureAwait(false);
    }

    public IResult Failure(int statusCode, string code, string message) => Page(statusCode, OperatorPage.SignIn(message));

    private async Task<IResult> ListAsync(string nonce, string? done, CancellationToken cancellationToken)
    {
        var list = await sessions.ListAsync(new SessionFilter(), cancellationToken).ConfigureAwait(false);
        return Page(StatusCodes.Status200OK, OperatorPage.Sessions(list, cookies.Csrf(nonce), done));
    }

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
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
