using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Functional.Tests.OAuth;

/// <summary>
/// Drives the authorization endpoint as a browser would, over loopback HTTP without following redirects: register
/// by DCR, open the sign-in page, submit it with its form token and cookie, read the redirect.
/// </summary>
public sealed partial class SignInFlow : IDisposable
{
    public const string AuthorizePath = "/api/v1/mcp/oauth/authorize";
    public const string TokenPath = "/api/v1/mcp/oauth/token";
    private readonly HttpClient browser;

    /// <param name="cookies">A browser's cookie jar: the flow keeps and sends cookies itself; without one the test passes them.</param>
    public SignInFlow(RunningHost host, string redirectUri = "http://localhost:43117/callback", CookieContainer? cookies = null)
    {
        Host = host;
        RedirectUri = redirectUri;
        var handler = cookies is null
            ? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }
            : new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies };
        browser = new HttpClient(handler) { BaseAddress = new Uri(host.BaseUrl) };
        Verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
    }

    public RunningHost Host { get; }

    public string RedirectUri { get; }

    public string ClientId { get; private set; } = "";

    public string Verifier { get; set; }

    public string Challenge => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public string Resource => Host.BaseUrl + "/api/v1/mcp";

    public async Task<SignInFlow> RegisterAsync(string? redirectUri = null)
    {
        using var response = await ClientRegistrationTests.RegisterAsync(Host, $$"""{"client_name":"Test client","redirect_uris":["{{redirectUri ?? RedirectUri}}"],"token_endpoint_auth_method":"none"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        ClientId = (await ClientRegistrationTests.JsonAsync(response)).GetProperty("client_id").GetString()!;
        return this;
    }

    public Dictionary<string, string?> Query(string? scope = "campaigns:read tools:call", string state = "xyz") => new()
    {
        ["response_type"] = "code",
        ["client_id"] = ClientId,
        ["redirect_uri"] = RedirectUri,
        ["state"] = state,
        ["scope"] = scope,
        ["resource"] = Resource,
        ["code_challenge"] = Challenge,
        ["code_challenge_method"] = "S256",
    };

    public async Task<HttpResponseMessage> OpenAsync(IDictionary<string, string?> query) =>
        await browser.GetAsync(QueryHelpers.AddQueryString(AuthorizePath, query.Where(pair => pair.Value is not null)));

    /// <summary>The page's hidden fields and the cookie it set (a page shown again after a POST also deletes the submitted one's).</summary>
    public static async Task<(Dictionary<string, string> Fields, string Cookie)> FormAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenField().Matches(html).ToDictionary(match => match.Groups[1].Value, match => WebUtility.HtmlDecode(match.Groups[2].Value));
        var cookie = page.Headers.GetValues("Set-Cookie").Single(header => !header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)).Split(';')[0];
        return (fields, cookie);
    }

    public async Task<HttpResponseMessage> SubmitAsync(Dictionary<string, string> fields, string? cookie, string? apiKey, string decision = "approve")
    {
        var form = new Dictionary<string, string>(fields) { ["decision"] = decision };
        if (apiKey is not null)
        {
            form["api_key"] = apiKey;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, AuthorizePath) { Content = new FormUrlEncodedContent(form) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await browser.SendAsync(request);
    }

    /// <summary>Opens the page and approves with the right key; the redirect's query.</summary>
    public async Task<Dictionary<string, string>> ApproveAsync(IDictionary<string, string?>? query = null)
    {
        using var page = await OpenAsync(query ?? Query());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var (fields, cookie) = await FormAsync(page);
        using var approved = await SubmitAsync(fields, cookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        return Redirected(approved);
    }

    public Dictionary<string, string> Redirected(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(RedirectUri, location, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    public async Task<HttpResponseMessage> RedeemAsync(string code, string? verifier = null, string? clientId = null, string? redirectUri = null, string? resource = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri ?? RedirectUri,
            ["client_id"] = clientId ?? ClientId,
            ["code_verifier"] = verifier ?? Verifier,
        };
        if (resource is not null)
        {
            form["resource"] = resource;
        }

        return await browser.PostAsync(TokenPath, new FormUrlEncodedContent(form));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>
    /// A host that fetches Client ID Metadata Documents from <paramref name="documents"/> (a loopback HTTPS server
    /// with its own certificate, which the fetcher refuses by default), with <paramref name="allowedClients"/>.
    /// </summary>
    public static Task<RunningHost> StartHostFetchingFromAsync(DocumentServer documents, string allowedClients)
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_OAUTH_ALLOW_PRIVATE_CLIENT_METADATA"] = "true";
        settings["MCP_ALLOWED_CLIENTS"] = allowedClients;
        return RunningHost.StartAsync(settings, configureServices: services => services.Replace(ServiceDescriptor.Singleton(provider => new ClientMetadataDocumentFetcher(
            provider.GetRequiredService<OAuthClientSettings>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ClientMetadataDocumentFetcher>>(),
            handler => handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == documents.Certificate.GetCertHashString()))));
    }

    public void Dispose() => browser.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
