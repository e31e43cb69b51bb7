using System.Net;
using System.Net.Http.Headers;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.OAuth;

/// <summary>
/// The authorization code flow with PKCE on the local host: sign-in page, codes, the
/// <c>authorization_code</c> grant and refresh, and a refusal for every rule.
/// </summary>
public sealed class AuthorizationCodeFlowTests : IAsyncLifetime
{
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_registered_client_signs_in_with_the_api_key_gets_tokens_calls_mcp_and_refreshes()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        using var page = await flow.OpenAsync(flow.Query());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(page.Headers.CacheControl?.NoStore);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Test client", html, StringComparison.Ordinal);
        Assert.Contains("name not verified", html, StringComparison.Ordinal);
        Assert.Contains("a program on this computer (localhost:43117)", html, StringComparison.Ordinal);
        Assert.Contains("Read your campaigns", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var (fields, cookie) = await SignInFlow.FormAsync(page);
        using var approved = await flow.SubmitAsync(fields, cookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var redirect = flow.Redirected(approved);
        Assert.Equal("xyz", redirect["state"]);
        Assert.Equal(host.BaseUrl, redirect["iss"]);

        using var tokens = await flow.RedeemAsync(redirect["code"], resource: flow.Resource);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        var body = await SignInFlow.JsonAsync(tokens);
        Assert.Equal("campaigns:read tools:call", body.GetProperty("scope").GetString());
        var access = body.GetProperty("access_token").GetString()!;
        var refresh = body.GetProperty("refresh_token").GetString()!;
        Assert.Equal(200, await McpStatusAsync(access));

        // The flow's client was admitted by the 'claude' entry (Claude Code's loopback callback), which the token names.
        Assert.Contains(host.Logs.Lines, line => line.Contains("[1801]", StringComparison.Ordinal) && line.Contains($"OAuth client {flow.ClientId} admitted as claude", StringComparison.Ordinal));

        using var refreshed = await host.Client.PostAsync(SignInFlow.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["client_id"] = flow.ClientId,
        }));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(200, await McpStatusAsync((await SignInFlow.JsonAsync(refreshed)).GetProperty("access_token").GetString()!));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(RunningHost.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_is_single_use_and_a_second_redemption_revokes_what_the_first_issued()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var code = (await flow.ApproveAsync())["code"];
        using var first = await flow.RedeemAsync(code);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var access = (await SignInFlow.JsonAsync(first)).GetProperty("access_token").GetString()!;
        Assert.Equal(200, await McpStatusAsync(access));

        using var second = await flow.RedeemAsync(code);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (await SignInFlow.JsonAsync(second)).GetProperty("error").GetString());
        Assert.Equal(401, await McpStatusAsync(access));
    }

    [Fact]
    public async Task A_public_clients_refresh_token_is_bound_to_it_and_it_can_revoke_it()
    {
        // RFC 6749 §10.4, OAuth 2.1 §4.3.1: a refresh token issued to a public client works for that client only.
        using var flow = await new SignInFlow(host).RegisterAsync();
        using var other = await new SignInFlow(host).RegisterAsync();
        using var tokens = await flow.RedeemAsync((await flow.ApproveAsync())["code"]);
        var refresh = (await SignInFlow.JsonAsync(tokens)).GetProperty("refresh_token").GetString()!;

        foreach (var presenter in new[] { other.ClientId, "claude", null })
        {
            var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh };
            if (presenter is not null)
            {
                form["client_id"] = presenter;
            }

            using var refused = await host.Client.PostAsync(SignInFlow.TokenPath, new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("invalid_grant", (await SignInFlow.JsonAsync(refused)).GetProperty("error").GetString());
        }

        using var revoked = await host.Client.PostAsync("/api/v1/mcp/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = refresh,
            ["client_id"] = flow.ClientId,
        }));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var afterRevocation = await host.Client.PostAsync(SignInFlow.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["client_id"] = flow.ClientId,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, afterRevocation.StatusCode);
    }

    [Fact]
    public async Task A_code_expires_after_sixty_seconds()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var code = (await flow.ApproveAsync())["code"];
        host.Time.Advance(TimeSpan.FromSeconds(61));
        await AssertInvalidGrantAsync(await flow.RedeemAsync(code));
    }

    [Theory]
    [InlineData("verifier")]
    [InlineData("client")]
    [InlineData("redirect")]
    public async Task A_code_is_bound_to_its_verifier_client_and_redirect_uri(string changed)
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var code = (await flow.ApproveAsync())["code"];
        using var other = await new SignInFlow(host).RegisterAsync();
        using var response = changed switch
        {
            "verifier" => await flow.RedeemAsync(code, verifier: new string('a', 43)),
            "client" => await flow.RedeemAsync(code, clientId: other.ClientId),
            _ => await flow.RedeemAsync(code, redirectUri: "http://localhost:43117/other"),
        };
        await AssertInvalidGrantAsync(response);
    }

    [Fact]
    public async Task A_missing_verifier_or_another_resource_at_the_token_endpoint_is_refused()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var code = (await flow.ApproveAsync())["code"];
        using var other = await flow.RedeemAsync(code, resource: "https://elsewhere.example/api/v1/mcp");
        Assert.Equal("invalid_target", (await SignInFlow.JsonAsync(other)).GetProperty("error").GetString());
        using var missing = await host.Client.PostAsync(SignInFlow.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = flow.RedirectUri,
            ["client_id"] = flow.ClientId,
        }));
        Assert.Equal("invalid_request", (await SignInFlow.JsonAsync(missing)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge_method", null, "invalid_request")]
    [InlineData("code_challenge", null, "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("scope", "campaigns:read admin", "invalid_scope")]
    [InlineData("resource", "https://elsewhere.example/api/v1/mcp", "invalid_target")]
    public async Task Request_errors_after_the_redirect_is_trusted_go_back_to_the_client_with_state_and_iss(string parameter, string? value, string error)
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var query = flow.Query();
        query[parameter] = value;
        using var response = await flow.OpenAsync(query);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var redirect = flow.Redirected(response);
        Assert.Equal(error, redirect["error"]);
        Assert.Equal("xyz", redirect["state"]);
        Assert.Equal(host.BaseUrl, redirect["iss"]);
    }

    [Fact]
    public async Task Without_a_resource_the_token_is_issued_for_this_server()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var query = flow.Query();
        query["resource"] = null;
        var code = (await flow.ApproveAsync(query))["code"];
        using var tokens = await flow.RedeemAsync(code);
        Assert.Equal(200, await McpStatusAsync((await SignInFlow.JsonAsync(tokens)).GetProperty("access_token").GetString()!));
    }

    [Theory]
    [InlineData("http://LOCALHOST:43117/callback")]
    [InlineData("http://localhost:43117/Callback")]
    [InlineData("http://localhost:43117/callback/../x")]
    [InlineData("http://localhost:43117/callback#frag")]
    [InlineData("http://user@localhost:43117/callback")]
    [InlineData("https://attacker.example/callback")]
    public async Task A_redirect_uri_the_client_did_not_register_is_shown_on_the_page_never_redirected(string redirectUri)
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var query = flow.Query();
        query["redirect_uri"] = redirectUri;
        using var response = await flow.OpenAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_web_redirect_on_another_port_of_a_non_loopback_host_is_refused()
    {
        using var flow = await new SignInFlow(host, "https://app.example/callback").RegisterAsync();
        var query = flow.Query();
        query["redirect_uri"] = "https://app.example:8443/callback";
        using var response = await flow.OpenAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_client_the_allowed_list_does_not_admit_is_refused_before_its_metadata_document_is_fetched()
    {
        await using var documents = await DocumentServer.StartAsync();
        var clientId = documents.Url("/oauth/client.json");
        documents.ServeJson("/oauth/client.json", $$"""{"client_id":"{{clientId}}","client_name":"Not listed","redirect_uris":["https://app.example/callback"],"token_endpoint_auth_method":"none"}""");
        await using var strict = await SignInFlow.StartHostFetchingFromAsync(documents, "claude,chatgpt,cursor,vscode,continue");
        using var flow = new SignInFlow(strict, "https://app.example/callback");
        var query = flow.Query();
        query["client_id"] = clientId;

        using var refused = await flow.OpenAsync(query);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, documents.Hits("/oauth/client.json"));

        // Listed, the same client is fetched and gets its sign-in page (so the fetch above was possible).
        await using var listed = await SignInFlow.StartHostFetchingFromAsync(documents, "claude," + clientId);
        using var listedFlow = new SignInFlow(listed, "https://app.example/callback");
        var listedQuery = listedFlow.Query();
        listedQuery["client_id"] = clientId;
        using var admitted = await listedFlow.OpenAsync(listedQuery);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal(1, documents.Hits("/oauth/client.json"));
    }

    /// <summary>
    /// RFC 8252 §7.3 native clients with the default MCP_ALLOWED_CLIENTS: mcp-remote, the MCP Inspector, Continue and
    /// any other program that listens on loopback, on any port and path, are admitted by the desktop clients' entries.
    /// </summary>
    [Theory]
    [InlineData("http://localhost:13847/oauth/callback", "localhost:13847")] // mcp-remote
    [InlineData("http://127.0.0.1:6276/oauth/callback", "127.0.0.1:6276")] // MCP Inspector
    [InlineData("http://[::1]:8123/cb", "[::1]:8123")] // IPv6 loopback, a path of its own
    [InlineData("http://localhost:3000/?state=4a1c2e8f", "localhost:3000")] // Continue: its state in the registered URI
    public async Task A_native_client_listening_on_loopback_signs_in_with_the_default_allowed_clients(string redirectUri, string place)
    {
        using var flow = await new SignInFlow(host, redirectUri).RegisterAsync();
        using var page = await flow.OpenAsync(flow.Query());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"a program on this computer ({place})", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (fields, cookie) = await SignInFlow.FormAsync(page);
        using var approved = await flow.SubmitAsync(fields, cookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        using var tokens = await flow.RedeemAsync(flow.Redirected(approved)["code"], resource: flow.Resource);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Equal(200, await McpStatusAsync((await SignInFlow.JsonAsync(tokens)).GetProperty("access_token").GetString()!));
    }

    [Theory]
    [InlineData("chatgpt", "http://localhost:13847/oauth/callback")] // no desktop client listed: loopback is not admitted
    [InlineData("claude,chatgpt,cursor,vscode,continue", "https://localhost:8443/oauth/callback")] // https on loopback is no RFC 8252 listener
    public async Task A_loopback_redirect_is_refused_when_no_desktop_client_admits_it(string allowedClients, string redirectUri)
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_ALLOWED_CLIENTS"] = allowedClients;
        await using var strict = await RunningHost.StartAsync(settings);
        using var flow = await new SignInFlow(strict, redirectUri).RegisterAsync();
        using var refused = await flow.OpenAsync(flow.Query());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Contains("This app is not allowed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"client_id":"{id}","client_name":"\ud800","redirect_uris":["https://app.example/callback"]}""", "unpaired surrogate")]
    [InlineData("""{"client_id":"{id}","client_name":"Fine","redirect_uris":["https://app.example/callback","\udc00"]}""", "unpaired surrogate")]
    [InlineData("""{"client_id":"{id}","client_name":"One","client_name":"Two","redirect_uris":["https://app.example/callback"]}""", "repeats a member name")]
    [InlineData("""{"client_id":"https://elsewhere.example/client.json","client_id":"{id}","redirect_uris":["https://app.example/callback"]}""", "repeats a member name")]
    public async Task A_metadata_document_with_a_lone_surrogate_or_a_repeated_member_gets_the_refusal_page(string document, string expected)
    {
        await using var documents = await DocumentServer.StartAsync();
        var clientId = documents.Url("/oauth/client.json");
        documents.ServeJson("/oauth/client.json", document.Replace("{id}", clientId, StringComparison.Ordinal));
        await using var listed = await SignInFlow.StartHostFetchingFromAsync(documents, "claude," + clientId);
        using var flow = new SignInFlow(listed, "https://app.example/callback");
        var query = flow.Query();
        query["client_id"] = clientId;

        using var refused = await flow.OpenAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("This sign-in cannot continue", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Equal(1, documents.Hits("/oauth/client.json"));
    }

    [Fact]
    public async Task Unknown_clients_and_clients_not_in_the_allowed_list_get_a_page_not_a_redirect()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var query = flow.Query();
        query["client_id"] = "dcr_unknown";
        using var unknown = await flow.OpenAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Null(unknown.Headers.Location);

        using var web = await new SignInFlow(host, "https://app.example/callback").RegisterAsync();
        using var notAllowed = await web.OpenAsync(web.Query());
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Null(notAllowed.Headers.Location);
        Assert.Contains("MCP_ALLOWED_CLIENTS", await notAllowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_needs_its_token_and_cookie_and_cannot_be_replayed()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        using var page = await flow.OpenAsync(flow.Query());
        var (fields, cookie) = await SignInFlow.FormAsync(page);

        var withoutToken = new Dictionary<string, string>(fields);
        withoutToken.Remove("form_token");
        using var noToken = await flow.SubmitAsync(withoutToken, cookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        using var noCookie = await flow.SubmitAsync(fields, null, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, noCookie.StatusCode);
        var otherScope = new Dictionary<string, string>(fields) { ["scope"] = "campaigns:read campaigns:export tools:call" };
        using var tampered = await flow.SubmitAsync(otherScope, cookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);

        using var approved = await flow.SubmitAsync(fields, cookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        using var replayed = await flow.SubmitAsync(fields, cookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Null(replayed.Headers.Location);

        using var stale = await flow.OpenAsync(flow.Query());
        var (staleFields, staleCookie) = await SignInFlow.FormAsync(stale);
        host.Time.Advance(TimeSpan.FromMinutes(11));
        using var expired = await flow.SubmitAsync(staleFields, staleCookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
    }

    [Fact]
    public async Task Two_sign_ins_open_in_one_browser_each_succeed_the_first_submitted_first()
    {
        var jar = new CookieContainer();
        using var flow = await new SignInFlow(host, cookies: jar).RegisterAsync();
        var authorize = new Uri(new Uri(host.BaseUrl), SignInFlow.AuthorizePath);
        using var firstPage = await flow.OpenAsync(flow.Query(state: "first"));
        using var secondPage = await flow.OpenAsync(flow.Query(state: "second"));
        var (firstFields, _) = await SignInFlow.FormAsync(firstPage);
        var (secondFields, _) = await SignInFlow.FormAsync(secondPage);

        using var first = await flow.SubmitAsync(firstFields, cookie: null, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("first", flow.Redirected(first)["state"]);
        Assert.Single(jar.GetCookies(authorize));
        using var second = await flow.SubmitAsync(secondFields, cookie: null, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal("second", flow.Redirected(second)["state"]);

        // Each page's cookie went with its submission: a browser does not collect them.
        Assert.Empty(jar.GetCookies(authorize));
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_same_site_strict_for_the_authorize_path_and_lasts_as_long_as_its_form()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        using var page = await flow.OpenAsync(flow.Query());
        var (fields, cookie) = await SignInFlow.FormAsync(page);
        var header = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        var attributes = header.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(attribute => attribute.ToLowerInvariant()).ToList();

        Assert.StartsWith("mcp_signin_", cookie, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "httponly", "max-age=600", "path=" + SignInFlow.AuthorizePath, "samesite=strict" },
            attributes.Where(attribute => !attribute.StartsWith("expires=", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        // Another page's cookie, though genuine, does not stand in for this page's.
        using var other = await flow.OpenAsync(flow.Query(state: "other"));
        var (_, otherCookie) = await SignInFlow.FormAsync(other);
        using var crossed = await flow.SubmitAsync(fields, otherCookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_on_the_page_is_refused_counted_by_the_failed_attempt_limit_and_never_echoed()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var (fields, cookie) = await SignInFlow.FormAsync(await flow.OpenAsync(flow.Query()));
        const string wrong = "wrong-key-typed-into-the-page-0001";
        for (var attempt = 1; attempt <= 11; attempt++)
        {
            using var refused = await flow.SubmitAsync(fields, cookie, wrong + attempt);
            Assert.Equal(attempt <= 10 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain(wrong, html, StringComparison.Ordinal);
            (fields, cookie) = await SignInFlow.FormAsync(refused);
        }

        Assert.Contains(host.Logs.Lines, line => line.Contains("[1001]", StringComparison.Ordinal) && line.Contains("oauth-authorize: sign_in_key_invalid", StringComparison.Ordinal));

        // The same limit as the token endpoints: the JSON endpoint now refuses this address's wrong keys too.
        using var json = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/auth/token") { Content = new StringContent("""{"client_id":"cursor"}""", System.Text.Encoding.UTF8, "application/json") };
        json.Headers.Add("X-API-Key", wrong);
        using var jsonRefused = await host.Client.SendAsync(json);
        Assert.Equal(HttpStatusCode.TooManyRequests, jsonRefused.StatusCode);

        // The right key still signs in.
        using var approved = await flow.SubmitAsync(fields, cookie, RunningHost.ApiKey);
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
    }

    [Fact]
    public async Task Deny_sends_access_denied_to_the_client()
    {
        using var flow = await new SignInFlow(host).RegisterAsync();
        var (fields, cookie) = await SignInFlow.FormAsync(await flow.OpenAsync(flow.Query()));
        using var denied = await flow.SubmitAsync(fields, cookie, apiKey: null, decision: "deny");
        Assert.Equal(HttpStatusCode.SeeOther, denied.StatusCode);
        Assert.Equal("access_denied", flow.Redirected(denied)["error"]);
    }

    [Fact]
    public async Task The_metadata_advertises_the_authorization_code_flow()
    {
        using var response = await host.Client.GetAsync("/.well-known/oauth-authorization-server");
        var metadata = await SignInFlow.JsonAsync(response);
        Assert.Equal(host.BaseUrl + "/api/v1/mcp/oauth/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(host.BaseUrl + "/api/v1/mcp/oauth/register", metadata.GetProperty("registration_endpoint").GetString());
        Assert.Equal(["code"], metadata.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], metadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("authorization_code", metadata.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(metadata.GetProperty("client_id_metadata_document_supported").GetBoolean());
        Assert.True(metadata.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
    }

    private async Task<int> McpStatusAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var response = await host.Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task AssertInvalidGrantAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_grant", (await SignInFlow.JsonAsync(response)).GetProperty("error").GetString());
        }
    }
}
