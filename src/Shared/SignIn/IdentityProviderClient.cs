using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampaignMcp.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.SignIn;

/// <summary>
/// This app as a confidential OpenID Connect client of the organization's provider: discovery and JWKS through the
/// IdentityModel configuration manager (OpenID Connect Discovery 1.0), the authorization code exchange with PKCE
/// (RFC 7636) and client authentication (a secret, or a managed identity's client assertion, RFC 7523 §2.2), and
/// the ID token check of OpenID Connect Core §3.1.3.7 with <see cref="JsonWebTokenHandler"/>.
/// </summary>
public sealed class IdentityProviderClient
{
    public const string HttpClientName = "identity-provider";

    /// <summary>How soon after one key refresh an unknown <c>kid</c> may cause another (the provider's keys rolled over).</summary>
    public static readonly TimeSpan KeyRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly IdentityProviderSettings settings;
    private readonly HttpClient http;
    private readonly ClientAssertionSource assertions;
    private readonly TimeProvider time;
    private readonly ILogger<IdentityProviderClient> logger;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? configuration;
    private readonly JsonWebTokenHandler handler = new();

    static IdentityProviderClient()
    {
        // A refresh requested for an unknown kid is then done by the next GetConfigurationAsync, before it returns,
        // instead of in the background: the sign-in waiting on it must see the new keys.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
    }

    public IdentityProviderClient(IdentityProviderSettings settings, IHttpClientFactory httpClients, ClientAssertionSource assertions, TimeProvider time, ILogger<IdentityProviderClient> logger)
    {
        this.settings = settings;
        this.assertions = assertions;
        this.time = time;
        this.logger = logger;
        http = httpClients.CreateClient(HttpClientName);
        if (settings.Issuer is { } issuer)
        {
            var retriever = new HttpDocumentRetriever(http) { RequireHttps = !IdentityProviderSettings.IsLoopback(new Uri(issuer)) };
            configuration = new ConfigurationManager<OpenIdConnectConfiguration>(issuer + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever)
            {
                RefreshInterval = KeyRefreshInterval,
            };
        }
    }

    /// <summary>The provider's discovery document (cached, refreshed every 12 hours and on an unknown key).</summary>
    public async Task<OpenIdConnectConfiguration> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (configuration is null)
        {
            throw new InvalidOperationException("Sign-in with an identity provider is not configured.");
        }

        OpenIdConnectConfiguration document;
        try
        {
            document = await configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException)
        {
            SignInLog.ProviderUnreachable(logger, settings.Issuer!, exception.GetType().Name);
            throw new IdentityProviderUnavailableException("The sign-in service could not be reached.", exception);
        }

        // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be the one it was fetched for.
        if (!string.Equals(document.Issuer?.TrimEnd('/'), settings.Issuer, StringComparison.Ordinal) || string.IsNullOrEmpty(document.AuthorizationEndpoint) || string.IsNullOrEmpty(document.TokenEndpoint))
        {
            SignInLog.ProviderUnreachable(logger, settings.Issuer!, "discovery document names another issuer or lacks an endpoint");
            throw new IdentityProviderUnavailableException("The sign-in service's configuration does not match this server's settings.");
        }

        return document;
    }

    /// <summary>The provider's authorization URL for this request (OpenID Connect Core §3.1.2.1).</summary>
    public async Task<string> AuthorizationUrlAsync(string redirectUri, string state, string nonce, string codeChallenge, CancellationToken cancellationToken)
    {
        var document = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = "openid profile email",
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = "S256",
            ["response_mode"] = "query",
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(document.AuthorizationEndpoint, query);
    }

    /// <summary>
    /// Redeems the code at the token endpoint (OpenID Connect Core §3.1.3.1) and returns the ID token; null with a
    /// reason when the provider refuses the code.
    /// </summary>
    public async Task<(string? IdToken, string? Failure)> RedeemCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken)
    {
        var document = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
            ["client_id"] = settings.ClientId!,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, document.TokenEndpoint);
        if (settings.ClientSecret is { } secret)
        {
            if (document.TokenEndpointAuthMethodsSupported.Contains("client_secret_post") || document.TokenEndpointAuthMethodsSupported.Count == 0)
            {
                form["client_secret"] = secret;
            }
            else
            {
                // RFC 6749 §2.3.1: form-encoded id and secret in HTTP Basic.
                var basic = Uri.EscapeDataString(settings.ClientId!) + ":" + Uri.EscapeDataString(secret);
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
            }
        }
        else
        {
            // RFC 7523 §2.2 / Entra: the managed identity's token stands for the client's own assertion.
            form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            form["client_assertion"] = await assertions.GetAssertionAsync(cancellationToken).ConfigureAwait(false);
        }

        request.Content = new FormUrlEncodedContent(form);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            SignInLog.ProviderUnreachable(logger, settings.Issuer!, exception.GetType().Name);
            throw new IdentityProviderUnavailableException("The sign-in service could not be reached.", exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500)
            {
                SignInLog.ProviderUnreachable(logger, settings.Issuer!, $"token endpoint answered {(int)response.StatusCode}");
                throw new IdentityProviderUnavailableException("The sign-in service is not answering properly.");
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (!response.IsSuccessStatusCode)
                {
                    // RFC 6749 §5.2: the error code is safe to log; the description may echo input, so it stays out.
                    return (null, root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? "token endpoint: " + error.GetString() : $"token endpoint answered {(int)response.StatusCode}");
                }

                return root.TryGetProperty("id_token", out var idToken) && idToken.ValueKind == JsonValueKind.String
                    ? (idToken.GetString(), null)
                    : (null, "the token response holds no id_token");
            }
            catch (JsonException)
            {
                return (null, "the token response is not JSON");
            }
        }
    }

    /// <summary>
    /// OpenID Connect Core §3.1.3.7: signed by a key of the provider's JWKS (refetched once when the <c>kid</c> is
    /// unknown: the provider rolled its keys over), <c>iss</c> the discovered issuer, <c>aud</c> this client,
    /// <c>exp</c>/<c>iat</c> current by <see cref="TimeProvider"/>, and <c>nonce</c> the one this request sent.
    /// </summary>
    public async Task<IdTokenValidation> ValidateIdTokenAsync(string idToken, string expectedNonce, CancellationToken cancellationToken)
    {
        var document = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var result = await handler.ValidateTokenAsync(idToken, Parameters(document)).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            document = await RefreshedAsync(document, cancellationToken).ConfigureAwait(false);
            result = await handler.ValidateTokenAsync(idToken, Parameters(document)).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            return IdTokenValidation.Refused(result.Exception switch
            {
                SecurityTokenExpiredException or SecurityTokenNoExpirationException => "expired",
                SecurityTokenNotYetValidException => "not yet valid",
                SecurityTokenInvalidIssuerException => "wrong issuer",
                SecurityTokenInvalidAudienceException => "wrong audience",
                SecurityTokenSignatureKeyNotFoundException => "signed with a key the provider does not publish",
                SecurityTokenInvalidSignatureException => "bad signature",
                SecurityTokenMalformedException or ArgumentException => "malformed",
                _ => "invalid (" + result.Exception?.GetType().Name + ")",
            });
        }

        var token = (JsonWebToken)result.SecurityToken;
        var nonce = token.TryGetPayloadValue<string>("nonce", out var sent) ? sent : null;
        if (nonce is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(expectedNonce)))
        {
            return IdTokenValidation.Refused("wrong nonce");
        }

        string? Text(string name) => token.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? Clean(value) : null;
        IReadOnlyList<string> List(string name) => token.TryGetPayloadValue<string[]>(name, out var values) && values is not null ? values : [];
        var tenant = Text("tid");
        var objectId = Text("oid");
        var subject = objectId is not null ? (tenant is null ? objectId : tenant + "/" + objectId) : token.Subject;
        if (string.IsNullOrEmpty(subject))
        {
            return IdTokenValidation.Refused("no subject");
        }

        var username = Text("preferred_username") ?? Text("email");
        var name = Text("name") ?? username ?? subject;
        return new IdTokenValidation(new SignedInUser(subject, name, username, tenant, List("roles"), List("groups")), null);
    }

    /// <summary>
    /// A claim's text as it may go into tokens, pages and log lines: at most 200 characters, lone surrogates (which no
    /// JSON writer accepts) as U+FFFD, and control and bidi characters as visible <c>\uXXXX</c> escapes, so that a
    /// display name cannot forge or reorder a log line.
    /// </summary>
    private static string Clean(string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, 200));
        foreach (var rune in value.EnumerateRunes())
        {
            if (text.Length + rune.Utf16SequenceLength > 200)
            {
                break;
            }

            text.Append(rune.ToString());
        }

        return LogSafeText.Escape(text.ToString());
    }

    /// <summary>
    /// The provider rolled its keys over: asks the configuration manager for a refresh (at most once per
    /// <see cref="KeyRefreshInterval"/>) and waits, briefly, for the new document, which may arrive in the background.
    /// </summary>
    private async Task<OpenIdConnectConfiguration> RefreshedAsync(OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        configuration!.RequestRefresh();
        for (var attempt = 0; ; attempt++)
        {
            var document = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(document, stale) || attempt >= RefreshPolls)
            {
                return document;
            }

            await Task.Delay(RefreshPollDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    private const int RefreshPolls = 30;
    private static readonly TimeSpan RefreshPollDelay = TimeSpan.FromMilliseconds(100);

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration document) => new()
    {
        ValidIssuer = document.Issuer,
        ValidateIssuer = true,
        ValidAudience = settings.ClientId,
        ValidateAudience = true,
        IssuerSigningKeys = document.SigningKeys,
        ValidateIssuerSigningKey = false,
        RequireSignedTokens = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
        TryAllIssuerSigningKeys = false,
    };

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>RFC 7519 §4.1.4/§4.1.5 by this app's clock (<see cref="TimeProvider"/>), with the usual skew.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The ID token has no exp.");
        }

        if (now - ClockSkew > exp)
        {
            throw new SecurityTokenExpiredException("The ID token has expired.") { Expires = exp };
        }

        if (notBefore is { } nbf && now + ClockSkew < nbf)
        {
            throw new SecurityTokenNotYetValidException("The ID token is not valid yet.") { NotBefore = nbf };
        }

        return true;
    }
}
