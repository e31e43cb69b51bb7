using System.Security.Cryptography;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.SignIn;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.ClientAuthentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// <c>GET|POST /api/v1/mcp/oauth/authorize</c>: the authorization endpoint (RFC 6749 §3.1, §4.1) as the MCP
/// authorization spec profiles it: <c>response_type=code</c> with PKCE S256 only, <c>state</c> echoed, <c>iss</c> in
/// the redirect (RFC 9207), <c>resource</c> checked (RFC 8707). GET shows the sign-in and consent page, POST submits
/// it: the deployment's API key, checked by the same service (and the same failed-attempt limit) as the token
/// endpoints. Errors before the redirect URI is known to belong to the client are shown on the page, never
/// redirected (§4.1.2.1). With the organization's identity provider configured (<see cref="IdentitySignIn"/>), the
/// browser is sent there first (or offered a "Sign in with …" button beside the API key), returns with a one-time
/// ticket, and the consent names the user and grants only the scopes their roles allow.
/// </summary>
public sealed class AuthorizationEndpoint(
    TokenSettings settings,
    ServiceReadiness readiness,
    ApiKeyVerifier apiKeys,
    OAuthClientRegistry clients,
    AllowedOAuthClients allowed,
    SignInFormToken formTokens,
    IAuthorizationCodeStore codes,
    ApiKeyAuthenticator authenticator,
    IdentitySignIn signIn,
    DeploymentSettings deployment,
    TimeProvider time,
    ILogger<AuthorizationEndpoint> logger) : IHttpEndpoint
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);
    private static readonly IReadOnlyList<string> GetAndPost = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    public string Surface => "oauth-authorize";

    public IReadOnlyList<string> Methods => GetAndPost;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var address = ClientAddress.Of(context);
        SecureHeaders(context, formAction: null);
        if (!readiness.IsServiceable || !apiKeys.IsConfigured)
        {
            return Page(StatusCodes.Status503ServiceUnavailable, SignInPage.Problem("Sign-in is unavailable", "The server is not fully configured, so it cannot sign anyone in right now."));
        }

        var isPost = HttpMethods.IsPost(context.Request.Method);
        var parameters = isPost ? await ReadFormAsync(context).ConfigureAwait(false) : ReadQuery(context.Request.Query);
        if (parameters is null)
        {
            return Refuse(context, address, "The request could not be read: send its parameters once each, as a query (GET) or a form (POST).");
        }

        if (AuthorizationRequest.Target(parameters, out var targetProblem) is not { } target)
        {
            return Refuse(context, address, targetProblem!);
        }

        // Looking up a metadata-document client fetches its document: one the allowed list does not admit is refused
        // first, so that nobody can make the server fetch arbitrary URLs. (Registered clients are looked up locally.)
        if (ClientMetadataDocumentUrl.LooksLikeUrl(target.ClientId) && allowed.EntryFor(target.ClientId, target.RedirectUri) is null)
        {
            return NotAllowed(address, "this app");
        }

        var lookup = await clients.FindAsync(target.ClientId, cancellationToken).ConfigureAwait(false);
        if (lookup is not OAuthClientLookup.Found { Client: var client })
        {
            var message = lookup switch
            {
                OAuthClientLookup.Unknown unknown => unknown.Message,
                OAuthClientLookup.Refused refused => refused.Message,
                _ => "This client is not known to the server.",
            };
            return Refuse(context, address, message);
        }

        if (!RedirectUriRules.Matches(client, target.RedirectUri))
        {
            return Refuse(context, address, "The address to return to (redirect_uri) is not one this client registered, so the sign-in cannot continue.");
        }

        if (allowed.EntryFor(target.ClientId, target.RedirectUri) is not { } entry)
        {
            return NotAllowed(address, $"\"{client.Name}\"");
        }

        var request = AuthorizationRequest.Parse(parameters, target.ClientId, target.RedirectUri, settings.Audience, out var error);
        if (request is null)
        {
            return RedirectError(context, target.RedirectUri, parameters.GetValueOrDefault("state"), error!.Value.Code, error.Value.Description);
        }

        var binding = IdentitySignIn.Binding(request.ClientId, request.RedirectUri, request.State, request.CodeChallenge, string.Join(' ', request.Scopes), request.Resource);
        var ticketHandle = signIn.IsEnabled ? parameters.GetValueOrDefault(IdentitySignIn.TicketParameter) : null;
        if (!isPost)
        {
            if (ticketHandle is not null)
            {
                return await SignedInConsentAsync(context, client, request, ticketHandle, binding, address, cancellationToken).ConfigureAwait(false);
            }

            if (signIn.IsEnabled && (!signIn.AllowsApiKey || parameters.GetValueOrDefault("signin") == "idp"))
            {
                return await SendToProviderAsync(context, parameters, binding, client, address, cancellationToken).ConfigureAwait(false);
            }

            return ConsentPage(context, client, request, StatusCodes.Status200OK, null);
        }

        // Forged or replayed submissions stop here: the form token must be genuine, for this request, unexpired,
        // match its page's cookie, and unused. (The cookie is looked up only once the token is known to be ours.)
        var now = time.GetUtcNow();
        var form = formTokens.Check(parameters.GetValueOrDefault("form_token"), request, now);
        if (form is not null)
        {
            // Used or not, this page's cookie has served: the browser need not keep it until it expires.
            context.Response.Cookies.Delete(SignInFormToken.CookieName(form.Value.Nonce), CookieOptionsFor(context));
        }

        if (form is not { } checkedForm
            || context.Request.Cookies[SignInFormToken.CookieName(checkedForm.Nonce)] != checkedForm.Nonce
            || !await codes.TryUseOnceAsync(checkedForm.Nonce, checkedForm.ExpiresAt, cancellationToken).ConfigureAwait(false))
        {
            AuthorizationLog.Refused(logger, "form_token_invalid", address);
            return Page(StatusCodes.Status400BadRequest, SignInPage.Problem("This page has expired", "The sign-in form was already used, has expired, or did not come from this server. Start the sign-in again from your app."));
        }

        if (parameters.GetValueOrDefault("decision") != "approve")
        {
            // Who denied: the provider's user when the page came from a sign-in (the ticket is only looked at), else unknown.
            var denier = ticketHandle is null ? null : await signIn.FindTicketAsync(ticketHandle, binding, cancellationToken).ConfigureAwait(false);
            AuthorizationLog.Denied(logger, denier is null ? AuditedUser.Unknown : AuditedUser.Of(denier.User.Subject, denier.User.Name), client.ClientId, address);
            return RedirectError(context, request.RedirectUri, request.State, AuthorizationErrorCodes.AccessDenied, "The user denied access");
        }

        if (ticketHandle is not null)
        {
            // The user the provider signed in approves; the ticket is used up here, once, on any instance.
            var ticket = await signIn.TakeTicketAsync(ticketHandle, binding, cancellationToken).ConfigureAwait(false);
            if (ticket is null)
            {
                AuthorizationLog.Refused(logger, "signin_ticket_invalid", address);
                return Page(StatusCodes.Status400BadRequest, SignInPage.Problem("This sign-in has expired", "The sign-in was already used or took longer than 10 minutes. Start the connection again from your app."));
            }

            var granted = request.Scopes.Where(ticket.Grantable.Contains).ToArray();
            if (granted.Length == 0)
            {
                return NothingGranted(ticket.User, client, address);
            }

            var user = new TokenUser(ticket.User.Subject, ticket.User.Name);
            var userCode = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            await codes.SaveAsync(AuthorizationCodes.Hash(userCode), new AuthorizationCode(client.ClientId, entry, request.RedirectUri, request.CodeChallenge, request.Resource, granted, now + CodeLifetime, user), cancellationToken).ConfigureAwait(false);
            SignInLog.SignedIn(logger, user.Name, user.Subject, client.ClientId, string.Join(' ', granted), string.Join(' ', request.Scopes.Except(granted)), address);
            return Redirect(context, request.RedirectUri, [new("code", userCode), new("state", request.State), new("iss", settings.Issuer)]);
        }

        if (!signIn.AllowsApiKey)
        {
            AuthorizationLog.Refused(logger, "api_key_sign_in_off", address);
            return Page(StatusCodes.Status400BadRequest, SignInPage.Problem("Sign in with " + signIn.ProviderName, $"This server signs people in through {signIn.ProviderName}, not with an API key. Start the connection again from your app."));
        }

        var authentication = await authenticator.AuthenticateAsync(Surface, ApiKeyCredential.SignInPage, parameters.GetValueOrDefault("api_key"), entry, address, cancellationToken).ConfigureAwait(false);
        switch (authentication.Result)
        {
            case ApiKeyAuthenticationResult.Missing:
                return ConsentPage(context, client, request, StatusCodes.Status401Unauthorized, "Enter the server's API key to approve.");
            case ApiKeyAuthenticationResult.Invalid:
                return ConsentPage(context, client, request, StatusCodes.Status401Unauthorized, "That API key is not right. Check it and try again.");
            case ApiKeyAuthenticationResult.LockedOut:
                var seconds = authentication.Lockout!.RetryAfterSeconds;
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ConsentPage(context, client, request, StatusCodes.Status429TooManyRequests, $"Too many wrong keys. Try again in {Math.Max(1, (seconds + 59) / 60)} minute(s).");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        await codes.SaveAsync(AuthorizationCodes.Hash(code), new AuthorizationCode(client.ClientId, entry, request.RedirectUri, request.CodeChallenge, request.Resource, request.Scopes, now + CodeLifetime), cancellationToken).ConfigureAwait(false);
        AuthorizationLog.Approved(logger, AuditedUser.ApiKeyHolder, client.ClientId, entry, new Uri(request.RedirectUri).Host, string.Join(' ', request.Scopes), address);
        return Redirect(context, request.RedirectUri, [new("code", code), new("state", request.State), new("iss", settings.Issuer)]);
    }

    public IResult Failure(int statusCode, string code, string message) => Page(statusCode, SignInPage.Problem("Sign-in failed", message));

    /// <summary>The browser goes to the provider; the state is also set in a cookie of this browser, for the callback.</summary>
    private async Task<IResult> SendToProviderAsync(HttpContext context, IReadOnlyDictionary<string, string> parameters, string binding, OAuthClient client, string address, CancellationToken cancellationToken)
    {
        string[] notResumed = ["signin", IdentitySignIn.TicketParameter, "form_token", "api_key", "decision"];
        var resume = parameters.Where(parameter => !notResumed.Contains(parameter.Key)).ToDictionary(StringComparer.Ordinal);
        string location, state;
        try
        {
            (location, state) = await signIn.StartAsync(resume, binding, client.ClientId, deployment.PublicBaseUrl + "/" + Routes.OAuthIdentityProviderCallback, null, address, cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityProviderUnavailableException)
        {
            var page = signIn.Unavailable();
            return Page(page.StatusCode, SignInPage.Problem(page.Title, page.Message));
        }

        signIn.SetStateCookie(context, state);
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status302Found);
    }

    private async Task<IResult> SignedInConsentAsync(HttpContext context, OAuthClient client, AuthorizationRequest request, string ticketHandle, string binding, string address, CancellationToken cancellationToken)
    {
        var ticket = await signIn.FindTicketAsync(ticketHandle, binding, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            AuthorizationLog.Refused(logger, "signin_ticket_invalid", address);
            return Page(StatusCodes.Status400BadRequest, SignInPage.Problem("This sign-in has expired", "The sign-in was already used or took longer than 10 minutes. Start the connection again from your app."));
        }

        var notGranted = request.Scopes.Where(scope => !ticket.Grantable.Contains(scope)).ToArray();
        if (notGranted.Length == request.Scopes.Count)
        {
            return NothingGranted(ticket.User, client, address);
        }

        return ConsentPage(context, client, request, StatusCodes.Status200OK, null, new SignInChoice(signIn.ProviderName, OffersApiKey: false, ticket.User, ticketHandle, notGranted));
    }

    private IResult NothingGranted(SignedInUser user, OAuthClient client, string address)
    {
        SignInLog.Refused(logger, client.ClientId, "no requested scope granted by the user's roles", user.Name + " (" + user.Subject + ")", address);
        return Page(StatusCodes.Status403Forbidden, SignInPage.Problem("Your role does not grant this access", $"You signed in as {user.Username ?? user.Name}, but none of your roles grants what \"{client.Name}\" asks for. Ask the server's operator for a role that does."));
    }

    private IResult ConsentPage(HttpContext context, OAuthClient client, AuthorizationRequest request, int statusCode, string? error) =>
        ConsentPage(context, client, request, statusCode, error, signIn.IsEnabled ? new SignInChoice(signIn.ProviderName, OffersApiKey: true) : null);

    private IResult ConsentPage(HttpContext context, OAuthClient client, AuthorizationRequest request, int statusCode, string? error, SignInChoice? choice)
    {
        var (token, nonce, _) = formTokens.Create(request, time.GetUtcNow());
        var cookie = CookieOptionsFor(context);

        // Max-Age rather than Expires: relative, so a browser whose clock disagrees with ours keeps it as long as the
        // form lasts and no longer (RFC 6265 §5.3: Max-Age wins). One cookie per open page, each gone in minutes.
        cookie.MaxAge = SignInFormToken.Lifetime;
        context.Response.Cookies.Append(SignInFormToken.CookieName(nonce), nonce, cookie);
        SecureHeaders(context, FormActionSource(request.RedirectUri));
        return Page(statusCode, SignInPage.Consent(client, request, token, error, choice));
    }

    /// <summary>Script cannot read it, other sites' requests do not carry it, only this endpoint receives it.</summary>
    private static CookieOptions CookieOptionsFor(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/" + Routes.OAuthAuthorize,
    };

    private IResult Refuse(HttpContext context, string address, string message)
    {
        AuthorizationLog.Refused(logger, "request_not_trusted", address);
        return Page(StatusCodes.Status400BadRequest, SignInPage.Problem("This sign-in cannot continue", message));
    }

    private IResult RedirectError(HttpContext context, string redirectUri, string? state, string code, string description) =>
        Redirect(context, redirectUri, [new("error", code), new("error_description", description), new("state", state), new("iss", settings.Issuer)]);

    /// <summary>303 after the form (RFC 9110 §15.4.4), 302 for a GET, with the parameters added to the URI's query.</summary>
    private static IResult Redirect(HttpContext context, string redirectUri, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var location = QueryHelpers.AddQueryString(redirectUri, parameters.Where(parameter => parameter.Value is not null));
        context.Response.Headers.Location = location;
        return Results.StatusCode(HttpMethods.IsPost(context.Request.Method) ? StatusCodes.Status303SeeOther : StatusCodes.Status302Found);
    }

    private IResult NotAllowed(string address, string who)
    {
        AuthorizationLog.Refused(logger, "client_not_allowed", address);
        return Page(StatusCodes.Status403Forbidden, SignInPage.Problem("This app is not allowed", $"The server's operator has not allowed {who} to connect. They can add it to MCP_ALLOWED_CLIENTS (docs/api.md says how)."));
    }

    private static IResult Page(int statusCode, string html) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);

    /// <summary>
    /// No caching, no framing (clickjacking), no script, no referrer; the form may only post here and then
    /// redirect to the client (Chromium applies <c>form-action</c> to the redirect after a submission too).
    /// </summary>
    internal static void SecureHeaders(HttpContext context, string? formAction)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src {SignInPage.StyleHash}; form-action 'self'{(formAction is null ? "" : " " + formAction)}; frame-ancestors 'none'; base-uri 'none'";
    }

    private static string FormActionSource(string redirectUri)
    {
        var uri = new Uri(redirectUri);
        return uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : uri.Scheme + ":";
    }

    private static Dictionary<string, string>? ReadQuery(IQueryCollection query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (value.Count > 1)
            {
                // RFC 6749 §3.1: request parameters must not be included more than once.
                return null;
            }

            values[name] = value.ToString();
        }

        return values;
    }

    private static async Task<IReadOnlyDictionary<string, string>?> ReadFormAsync(HttpContext context)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var body = await RequestBody.ReadAsync(context.Request, Tokens.Api.TokenEndpoint.MaximumBodyBytes, context.RequestAborted).ConfigureAwait(false);
        return body is null ? null : FormParameters.Parse(body);
    }
}
