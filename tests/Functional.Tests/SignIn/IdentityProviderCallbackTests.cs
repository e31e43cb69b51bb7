using System.Net;
using CampaignMcp.Functional.Tests.OAuth;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignMcp.Functional.Tests.SignIn;

/// <summary>
/// The provider's return to <c>/api/v1/mcp/oauth/idp-callback</c> over loopback HTTP: the state is usable once, only
/// in the browser that started the sign-in (its cookie), and every refusal is a page that says why.
/// </summary>
public sealed class IdentityProviderCallbackTests : IAsyncLifetime
{
    private const string CallbackPath = "/api/v1/mcp/oauth/idp-callback";
    private OidcProviderProcess provider = null!;
    private RunningHost host = null!;

    public async Task InitializeAsync()
    {
        var baseUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        provider = await OidcProviderProcess.StartAsync(baseUrl + CallbackPath);
        host = await RunningHost.StartAsync(provider.HostSettings(provider.Tenant, "Campaigns.Reader=campaigns:read"), baseUrl);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task The_authorization_endpoint_sends_the_browser_to_the_provider_with_pkce_nonce_and_a_state_cookie()
    {
        var (location, cookie) = await StartAsync();

        Assert.StartsWith(provider.Issuer + "/auth?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(OidcProviderProcess.ClientId, query["client_id"].ToString());
        Assert.Equal(host.BaseUrl + CallbackPath, query["redirect_uri"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.False(string.IsNullOrEmpty(query["nonce"].ToString()));
        Assert.Equal("mcp_idp_state=" + query["state"], cookie.Split(';')[0]);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("no-state", HttpStatusCode.BadRequest, "This page was not opened by a sign-in")]
    [InlineData("unknown-state", HttpStatusCode.BadRequest, "This sign-in has expired")]
    [InlineData("no-cookie", HttpStatusCode.BadRequest, "This sign-in was started elsewhere")]
    [InlineData("other-cookie", HttpStatusCode.BadRequest, "This sign-in was started elsewhere")]
    [InlineData("provider-error", HttpStatusCode.Forbidden, "Contoso did not sign you in")]
    [InlineData("no-code", HttpStatusCode.BadRequest, "The sign-in did not finish")]
    [InlineData("forged-code", HttpStatusCode.BadRequest, "The sign-in could not be completed")]
    public async Task A_return_that_is_not_this_browsers_pending_sign_in_gets_a_page_that_says_why(string kind, HttpStatusCode status, string title)
    {
        var (location, cookie) = await StartAsync();
        var state = QueryHelpers.ParseQuery(location.Query)["state"].ToString();
        var (query, sentCookie) = kind switch
        {
            "no-state" => ("code=abc", cookie),
            "unknown-state" => ("state=not-a-state-we-sent&code=abc", cookie),
            "no-cookie" => ($"state={state}&code=abc", null),
            "other-cookie" => ($"state={state}&code=abc", "mcp_idp_state=someone-elses"),
            "provider-error" => ($"state={state}&error=access_denied&error_description=%3Cscript%3E", cookie),
            "no-code" => ($"state={state}", cookie),
            _ => ($"state={state}&code=forged-code", cookie),
        };

        using var page = await CallbackAsync(query, sentCookie);

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(status, page.StatusCode);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_is_used_once_even_when_its_first_use_failed()
    {
        var (location, cookie) = await StartAsync();
        var state = QueryHelpers.ParseQuery(location.Query)["state"].ToString();
        using var first = await CallbackAsync($"state={state}&code=forged-code", cookie);
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);

        using var second = await CallbackAsync($"state={state}&code=forged-code", cookie);

        Assert.Contains("This sign-in has expired", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(Uri Location, string Cookie)> StartAsync()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        using var response = await flow.OpenAsync(flow.Query());
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return (response.Headers.Location!, response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("mcp_idp_state=", StringComparison.Ordinal)));
    }

    private async Task<HttpResponseMessage> CallbackAsync(string query, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CallbackPath + "?" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie.Split(';')[0]);
        }

        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(host.BaseUrl) };
        return await browser.SendAsync(request);
    }
}
