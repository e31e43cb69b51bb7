using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests.OAuth;

/// <summary>RFC 7591 Dynamic Client Registration on the local host over loopback HTTP, resolved through the registry.</summary>
public sealed class ClientRegistrationTests
{
    private const string Path = "/api/v1/mcp/oauth/register";

    private const string Inspector = """
        {"client_name":"MCP Inspector","redirect_uris":["http://localhost:6274/oauth/callback"],"grant_types":["authorization_code","refresh_token"],
         "response_types":["code"],"token_endpoint_auth_method":"none","application_type":"native","scope":"campaigns:read","software_id":"ignored"}
        """;

    internal static async Task<HttpResponseMessage> RegisterAsync(RunningHost host, string body, string? forwardedFor = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await host.Client.SendAsync(request);
    }

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static Dictionary<string, string?> Settings(string? limit = null)
    {
        // Behind a trusted proxy, so that the tests can act as several callers by X-Forwarded-For.
        var settings = RunningHost.BehindProxySettings();
        if (limit is not null)
        {
            settings["MCP_OAUTH_REGISTRATION_LIMIT"] = limit;
        }

        return settings;
    }

    [Fact]
    public async Task A_public_native_client_is_registered_and_then_resolved_by_its_new_client_id()
    {
        await using var host = await RunningHost.StartAsync(Settings());

        using var response = await RegisterAsync(host, Inspector);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await JsonAsync(response);
        var clientId = body.GetProperty("client_id").GetString()!;
        Assert.Matches("^dcr_[A-Za-z0-9_-]{22}$", clientId);
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds(), body.GetProperty("client_id_issued_at").GetInt64());
        Assert.Equal("MCP Inspector", body.GetProperty("client_name").GetString());
        Assert.Equal("http://localhost:6274/oauth/callback", body.GetProperty("redirect_uris")[0].GetString());
        Assert.Equal("none", body.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal("native", body.GetProperty("application_type").GetString());
        Assert.Equal(2, body.GetProperty("grant_types").GetArrayLength());
        Assert.False(body.TryGetProperty("client_secret", out _));
        Assert.False(body.TryGetProperty("software_id", out _));

        var registry = host.Services.GetRequiredService<OAuthClientRegistry>();
        var client = Assert.IsType<OAuthClientLookup.Found>(await registry.FindAsync(clientId, CancellationToken.None)).Client;
        Assert.Equal(("MCP Inspector", OAuthClientSource.Registered), (client.Name, client.Source));
        Assert.True(RedirectUriRules.Matches(client, "http://localhost:51515/oauth/callback"));
        Assert.False(RedirectUriRules.Matches(client, "http://localhost:6274/oauth/callback/evil"));
    }

    [Fact]
    public async Task Defaults_fill_in_what_the_client_left_out()
    {
        await using var host = await RunningHost.StartAsync(Settings());
        using var response = await RegisterAsync(host, """{"redirect_uris":["https://app.example.com/cb"]}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("authorization_code", Assert.Single(body.GetProperty("grant_types").EnumerateArray()).GetString());
        Assert.Equal("code", Assert.Single(body.GetProperty("response_types").EnumerateArray()).GetString());
        Assert.Equal("none", body.GetProperty("token_endpoint_auth_method").GetString());
        Assert.False(body.TryGetProperty("client_name", out _));
    }

    [Theory]
    [InlineData("""{"redirect_uris":["http://app.example.com/cb"]}""", "invalid_redirect_uri", "only on a loopback host")]
    [InlineData("""{"redirect_uris":["http://192.168.1.10:8080/cb"],"application_type":"native"}""", "invalid_redirect_uri", "only on a loopback host")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb#frag"]}""", "invalid_redirect_uri", "fragment")]
    [InlineData("""{"redirect_uris":["https://me:pw@app.example.com/cb"]}""", "invalid_redirect_uri", "user name or password")]
    [InlineData("""{"redirect_uris":["javascript:alert(1)"]}""", "invalid_redirect_uri", "private-use scheme")]
    [InlineData("""{"redirect_uris":["http://127.0.0.1:3000/cb"],"application_type":"web"}""", "invalid_redirect_uri", "web client")]
    [InlineData("""{"redirect_uris":["com.example.app:/cb"],"application_type":"web"}""", "invalid_redirect_uri", "web client")]
    [InlineData("""{"redirect_uris":[]}""", "invalid_redirect_uri", "at least one")]
    [InlineData("""{"client_name":"No redirects"}""", "invalid_redirect_uri", "at least one")]
    [InlineData("""{"redirect_uris":"https://app.example.com/cb"}""", "invalid_redirect_uri", "array of strings")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "invalid_client_metadata", "public clients only")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"grant_types":["client_credentials"]}""", "invalid_client_metadata", "grant_types")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"grant_types":["refresh_token"]}""", "invalid_client_metadata", "must include authorization_code")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"response_types":["code","token"]}""", "invalid_client_metadata", "response_types")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"application_type":"service"}""", "invalid_client_metadata", "application_type")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"client_name":"Bad\u0000Name"}""", "invalid_client_metadata", "control characters")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"client_name":42}""", "invalid_client_metadata", "client_name must be a string")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"logo_uri":"javascript:alert(1)"}""", "invalid_client_metadata", "logo_uri")]
    [InlineData("""["https://app.example.com/cb"]""", "invalid_client_metadata", "JSON object")]
    [InlineData("""{"redirect_uris":""", "invalid_client_metadata", "not valid JSON")]
    [InlineData("""{"client_name":"\ud800","redirect_uris":["http://127.0.0.1:9999/cb"]}""", "invalid_client_metadata", "unpaired surrogate")]
    [InlineData("""{"client_name":"Fine\udc00","redirect_uris":["http://127.0.0.1:9999/cb"]}""", "invalid_client_metadata", "unpaired surrogate")]
    [InlineData("""{"redirect_uris":["http://127.0.0.1:9999/cb","\udc00"]}""", "invalid_client_metadata", "unpaired surrogate")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"logo_uri":"https://app.example.com/\ud800"}""", "invalid_client_metadata", "unpaired surrogate")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"application_type":"\udbff"}""", "invalid_client_metadata", "unpaired surrogate")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"\ud800":"a member name"}""", "invalid_client_metadata", "unpaired surrogate")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"client_name":"One","client_name":"Two"}""", "invalid_client_metadata", "repeats a member name")]
    [InlineData("""{"redirect_uris":["https://evil.example/cb"],"redirect_uris":["https://app.example.com/cb"]}""", "invalid_client_metadata", "repeats a member name")]
    public async Task Unacceptable_metadata_is_refused_with_the_rfc_7591_error(string body, string error, string description)
    {
        await using var host = await RunningHost.StartAsync(Settings());
        using var response = await RegisterAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.Contains(description, json.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlong_client_name_is_refused()
    {
        await using var host = await RunningHost.StartAsync(Settings());
        using var response = await RegisterAsync(host, $$"""{"redirect_uris":["https://app.example.com/cb"],"client_name":"{{new string('x', 201)}}"}""");
        Assert.Equal("invalid_client_metadata", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_over_16_KiB_or_not_json_is_refused_before_it_is_read()
    {
        await using var host = await RunningHost.StartAsync(Settings());

        using var large = await RegisterAsync(host, $$"""{"redirect_uris":["https://app.example.com/cb"],"client_name":"{{new string('x', 17 * 1024)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("invalid_request", (await JsonAsync(large)).GetProperty("error").GetString());

        using var form = await RegisterAsync(host, "redirect_uris=https://app.example.com/cb", contentType: "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("application/json", (await JsonAsync(form)).GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_is_refused_with_405_in_the_same_envelope()
    {
        await using var host = await RunningHost.StartAsync(Settings());
        using var response = await host.Client.GetAsync(Path);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("invalid_request", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Registrations_are_limited_per_address_in_a_fixed_hour()
    {
        await using var host = await RunningHost.StartAsync(Settings(limit: "2"));
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await RegisterAsync(host, Inspector, forwardedFor: "198.51.100.7");
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        // Refused metadata does not count against the limit.
        using var invalid = await RegisterAsync(host, """{"redirect_uris":[]}""", forwardedFor: "198.51.100.8");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        host.Time.Advance(TimeSpan.FromMinutes(10));
        using var limited = await RegisterAsync(host, Inspector, forwardedFor: "198.51.100.7");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(50), limited.Headers.RetryAfter?.Delta);
        var json = await JsonAsync(limited);
        Assert.Equal("temporarily_unavailable", json.GetProperty("error").GetString());
        Assert.Contains("retry after 3000 seconds", json.GetProperty("error_description").GetString(), StringComparison.Ordinal);

        using var otherAddress = await RegisterAsync(host, Inspector, forwardedFor: "198.51.100.8");
        Assert.Equal(HttpStatusCode.Created, otherAddress.StatusCode);

        host.Time.Advance(TimeSpan.FromMinutes(50));
        using var nextHour = await RegisterAsync(host, Inspector, forwardedFor: "198.51.100.7");
        Assert.Equal(HttpStatusCode.Created, nextHour.StatusCode);
    }

    [Fact]
    public async Task Addresses_in_one_ipv6_64_share_one_limit()
    {
        await using var host = await RunningHost.StartAsync(Settings(limit: "1"));
        using var first = await RegisterAsync(host, Inspector, forwardedFor: "2001:db8:1:2::10");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var sameNetwork = await RegisterAsync(host, Inspector, forwardedFor: "2001:db8:1:2::99");
        Assert.Equal((HttpStatusCode)429, sameNetwork.StatusCode);
    }

    [Fact]
    public async Task A_limit_of_zero_turns_the_limit_off()
    {
        await using var host = await RunningHost.StartAsync(Settings(limit: "0"));
        for (var i = 0; i < 25; i++)
        {
            using var response = await RegisterAsync(host, Inspector, forwardedFor: "198.51.100.9");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_registration_expires_after_90_days()
    {
        await using var host = await RunningHost.StartAsync(Settings());
        using var response = await RegisterAsync(host, Inspector);
        var clientId = (await JsonAsync(response)).GetProperty("client_id").GetString()!;
        var registry = host.Services.GetRequiredService<OAuthClientRegistry>();

        host.Time.Advance(TimeSpan.FromDays(90) - TimeSpan.FromSeconds(1));
        Assert.IsType<OAuthClientLookup.Found>(await registry.FindAsync(clientId, CancellationToken.None));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<OAuthClientLookup.Unknown>(await registry.FindAsync(clientId, CancellationToken.None));
    }

    [Theory]
    [InlineData("client_secret_basic")]
    [InlineData("client_secret_post")]
    public async Task A_request_for_a_client_secret_is_registered_as_a_public_client_without_one(string method)
    {
        // The official C# SDK asks for a secret method; RFC 7591 §3.2.1 lets the server register what it supports.
        await using var host = await RunningHost.StartAsync(Settings());
        using var response = await RegisterAsync(host, $$"""{"redirect_uris":["http://localhost:43120/callback"],"token_endpoint_auth_method":"{{method}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("none", body.GetProperty("token_endpoint_auth_method").GetString());
        Assert.False(body.TryGetProperty("client_secret", out _));
    }
}
