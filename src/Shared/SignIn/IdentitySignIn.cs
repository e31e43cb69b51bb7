using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampaignMcp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.SignIn;

/// <summary>
/// The sign-in through the organization's provider, between the authorization endpoint's request and its consent:
/// <list type="number">
/// <item><see cref="StartAsync"/>: a fresh <c>state</c>, PKCE verifier (RFC 7636 §4.1) and <c>nonce</c> (OpenID Connect
/// Core §3.1.2.1), stored with the MCP request under the state's hash, and the provider's URL to send the browser to;</item>
/// <item><see cref="CompleteAsync"/>: the provider's return, accepted once, from the browser that started it (the state
/// is also in a cookie: RFC 6749 §10.12), the code redeemed, the ID token checked, the user admitted or refused,
/// and a ticket for the consent;</item>
/// <item><see cref="FindTicketAsync"/>/<see cref="TakeTicketAsync"/>: the consent shows the ticket's user, and its
/// approval uses the ticket up.</item>
/// </list>
/// </summary>
public sealed class IdentitySignIn(
    IdentityProviderSettings settings,
    IdentityProviderClient provider,
    ISignInStateStore store,
    SignInAccessPolicy policy,
    TimeProvider time,
    ILogger<IdentitySignIn> logger)
{
    public const string StateCookie = "mcp_idp_state";
    public const string TicketParameter = "signin_ticket";
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(10);

    public bool IsEnabled => settings.IsConfigured && settings.Methods.HasFlag(SignInMethods.IdentityProvider);

    public bool AllowsApiKey => settings.Methods.HasFlag(SignInMethods.ApiKey) || !IsEnabled;

    public string ProviderName => settings.DisplayName;

    /// <summary>The provider's authorization URL and the state to set in the browser's cookie.</summary>
    /// <exception cref="IdentityProviderUnavailableException">The provider cannot be reached.</exception>
    public async Task<(string Location, string State)> StartAsync(IReadOnlyDictionary<string, string> resume, string binding, string clientId, string callbackUri, string? returnPath, string remoteAddress, CancellationToken cancellationToken)
    {
        var state = Random(32);
        var verifier = Random(32);
        var nonce = Random(32);
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var location = await provider.AuthorizationUrlAsync(callbackUri, state, nonce, challenge, cancellationToken).ConfigureAwait(false);
        var expiresAt = time.GetUtcNow() + PendingLifetime;
        var pending = new PendingProviderSignIn(new Dictionary<string, string>(resume, StringComparer.Ordinal), binding, clientId, verifier, nonce, callbackUri, expiresAt, returnPath);
        await store.SaveAsync(Key("state", state), JsonSerializer.Serialize(pending, SignInJsonContext.Default.PendingProviderSignIn), expiresAt, cancellationToken).ConfigureAwait(false);
        SignInLog.SentToProvider(logger, clientId, remoteAddress);
        return (location, state);
    }

    /// <summary>The provider's return (OpenID Connect Core §3.1.2.5/§3.1.2.6) to its end.</summary>
    public async Task<CallbackOutcome> CompleteAsync(IReadOnlyDictionary<string, string> query, string? cookieState, string remoteAddress, CancellationToken cancellationToken)
    {
        if (!query.TryGetValue("state", out var state) || state.Length is 0 or > 256)
        {
            SignInLog.CallbackRefused(logger, "no state", remoteAddress);
            return CallbackOutcome.Page(400, "This page was not opened by a sign-in", "It is where the sign-in service returns after you sign in, and it did not come from a sign-in this server started.");
        }

        var payload = await store.TakeAsync(Key("state", state), cancellationToken).ConfigureAwait(false);
        var pending = payload is null ? null : JsonSerializer.Deserialize(payload, SignInJsonContext.Default.PendingProviderSignIn);
        if (pending is null || pending.ExpiresAt <= time.GetUtcNow())
        {
            SignInLog.CallbackRefused(logger, pending is null ? "unknown or used state" : "expired state", remoteAddress);
            return CallbackOutcome.Page(400, "This sign-in has expired", "It was already completed, or it took longer than 10 minutes. Start the connection again from your app.");
        }

        if (cookieState is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookieState), Encoding.UTF8.GetBytes(state)))
        {
            // Someone else's sign-in result delivered to this browser (login CSRF, RFC 6749 §10.12).
            SignInLog.CallbackRefused(logger, "state cookie missing or different", remoteAddress);
            return CallbackOutcome.Page(400, "This sign-in was started elsewhere", "The sign-in did not start in this browser, so it cannot finish here. Start the connection again from your app, in the browser it opens.");
        }

        if (query.TryGetValue("error", out var error))
        {
            var code = error.Length <= 64 && error.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? error : "error";
            SignInLog.Refused(logger, pending.ClientId, "provider answered " + code, "-", remoteAddress);
            return CallbackOutcome.Page(code == "access_denied" ? 403 : 400, $"{settings.DisplayName} did not sign you in", $"The sign-in service answered \"{code}\". Start the connection again from your app; if it keeps happening, give this message to the server's operator.");
        }

        if (!query.TryGetValue("code", out var authorizationCode) || authorizationCode.Length is 0 or > 4096)
        {
            SignInLog.CallbackRefused(logger, "no code", remoteAddress);
            return CallbackOutcome.Page(400, "The sign-in did not finish", "The sign-in service returned without a result. Start the connection again from your app.");
        }

        try
        {
            var (idToken, failure) = await provider.RedeemCodeAsync(authorizationCode, pending.CodeVerifier, pending.CallbackUri, cancellationToken).ConfigureAwait(false);
            if (idToken is null)
            {
                SignInLog.Refused(logger, pending.ClientId, failure!, "-", remoteAddress);
                return CallbackOutcome.Page(400, "The sign-in could not be completed", $"{settings.DisplayName} did not accept this sign-in's result. Start the connection again from your app.");
            }

            var validation = await provider.ValidateIdTokenAsync(idToken, pending.Nonce, cancellationToken).ConfigureAwait(false);
            if (validation.User is not { } user)
            {
                SignInLog.Refused(logger, pending.ClientId, "ID token " + validation.Failure, "-", remoteAddress);
                return CallbackOutcome.Page(400, "The sign-in could not be verified", $"The answer from {settings.DisplayName} did not pass this server's checks ({validation.Failure}), so you are not signed in. Start the connection again from your app.");
            }

            if (policy.Refusal(user) is { } refusal)
            {
                SignInLog.Refused(logger, pending.ClientId, "not in " + Configuration.SettingNames.OidcAllowed, user.Name + " (" + user.Subject + ")", remoteAddress);
                return CallbackOutcome.Page(403, "You do not have access to this server", refusal);
            }

            var ticket = Random(32);
            var expiresAt = time.GetUtcNow() + TicketLifetime;
            var saved = new SignInTicket(user, policy.Grantable(user), pending.Binding, expiresAt);
            await store.SaveAsync(Key("ticket", ticket), JsonSerializer.Serialize(saved, SignInJsonContext.Default.SignInTicket), expiresAt, cancellationToken).ConfigureAwait(false);
            var resume = new Dictionary<string, string>(pending.Resume, StringComparer.Ordinal) { [TicketParameter] = ticket };
            return CallbackOutcome.Continue(resume, pending.ReturnPath);
        }
        catch (IdentityProviderUnavailableException)
        {
            return Unavailable();
        }
    }

    /// <summary>
    /// The browser's copy of the state, checked at the return. <c>SameSite=Lax</c>: the provider's redirect back is a
    /// top-level cross-site GET, which Lax cookies accompany.
    /// </summary>
    public void SetStateCookie(HttpContext context, string state) =>
        context.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/" + Routes.OAuthIdentityProviderCallback,
            Expires = time.GetUtcNow() + PendingLifetime,
        });

    /// <summary>The page shown when the provider cannot be reached.</summary>
    public CallbackOutcome Unavailable() =>
        CallbackOutcome.Page(503, $"{settings.DisplayName} cannot be reached", $"This server could not reach the sign-in service ({settings.DisplayName}), so it cannot sign you in right now. Try again in a few minutes; if it keeps happening, tell the server's operator.");

    /// <summary>The ticket's user, for the consent page of the request it was issued for; null when unknown, expired or for another request.</summary>
    public async Task<SignInTicket?> FindTicketAsync(string ticket, string binding, CancellationToken cancellationToken) =>
        Usable(await store.FindAsync(Key("ticket", ticket), cancellationToken).ConfigureAwait(false), binding);

    /// <summary>The same, used up: an approval happens once.</summary>
    public async Task<SignInTicket?> TakeTicketAsync(string ticket, string binding, CancellationToken cancellationToken) =>
        Usable(await store.TakeAsync(Key("ticket", ticket), cancellationToken).ConfigureAwait(false), binding);

    private SignInTicket? Usable(string? payload, string binding)
    {
        var ticket = payload is null ? null : JsonSerializer.Deserialize(payload, SignInJsonContext.Default.SignInTicket);
        return ticket is not null && ticket.ExpiresAt > time.GetUtcNow() && string.Equals(ticket.Binding, binding, StringComparison.Ordinal) ? ticket : null;
    }

    /// <summary>What a request's binding is made of, in one string: the same on the GET and the POST of its page.</summary>
    public static string Binding(params string?[] parts) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts.Select(part => part ?? "")))));

    private static string Key(string kind, string handle) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + handle)));

    private static string Random(int bytes) => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(bytes));
}
