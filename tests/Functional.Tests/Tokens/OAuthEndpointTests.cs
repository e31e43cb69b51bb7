using System.Diagnostics.Metrics;
using System.Net;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CampaignMcp.Functional.Tests.Tokens.TokenLifecycleClient;

namespace CampaignMcp.Functional.Tests.Tokens;

public sealed class OAuthEndpointTests : IAsyncLifetime
{
    private const string TokenPath = "/api/v1/mcp/oauth/token";
    private RunningHost host = null!;

    public async Task InitializeAsync() => host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Client_credentials_with_basic_authentication_returns_a_standard_token_response_without_refresh_token()
    {
        using var response = await OAuthAsync(host, TokenPath, [new("grant_type", "client_credentials"), new("scope", "campaigns:read")], basic: ("claude", RunningHost.ApiKey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal("campaigns:read", body.GetProperty("scope").GetString());
        Assert.Equal(86400, body.GetProperty("expires_in").GetInt64());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.Equal((200, null), await CallMcpAsync(host, body.GetProperty("access_token").GetString()!));
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Client_credentials_in_the_body_work_too()
    {
        using var response = await OAuthAsync(host, TokenPath, [new("grant_type", "client_credentials"), new("client_id", "cursor"), new("client_secret", RunningHost.ApiKey)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("campaigns:read tools:call", (await Json.ReadAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task The_refresh_token_grant_rotates_a_refresh_token_from_the_original_endpoint()
    {
        var (_, refresh) = await IssuePairAsync(host);
        using var response = await OAuthAsync(host, TokenPath, [new("grant_type", "refresh_token"), new("refresh_token", refresh), new("scope", "campaigns:read")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.StartsWith("mcprt_", body.GetProperty("refresh_token").GetString(), StringComparison.Ordinal);
        Assert.Equal("campaigns:read", body.GetProperty("scope").GetString());

        using var mismatch = await OAuthAsync(host, TokenPath, [new("grant_type", "refresh_token"), new("refresh_token", body.GetProperty("refresh_token").GetString()!)], basic: ("cursor", RunningHost.ApiKey));
        Assert.Equal("invalid_grant", (await Json.ReadAsync(mismatch)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("grant_type=client_credentials", "basic-wrong", 401, "invalid_client")]
    [InlineData("grant_type=client_credentials", null, 401, "invalid_client")]
    [InlineData("grant_type=client_credentials&client_id=claude&client_secret=test-api-key-Vb8nQ2rX7kM4pL9wZ3tJ", "basic-right", 400, "invalid_request")]
    [InlineData("grant_type=client_credentials&grant_type=refresh_token", "basic-right", 400, "invalid_request")]
    [InlineData("grant_type=password&username=a&password=b", "basic-right", 400, "unsupported_grant_type")]
    [InlineData("scope=campaigns:read", "basic-right", 400, "invalid_request")]
    [InlineData("grant_type=client_credentials&scope=admin", "basic-right", 400, "invalid_scope")]
    [InlineData("grant_type=refresh_token", null, 400, "invalid_request")]
    [InlineData("grant_type=refresh_token&refresh_token=abc", null, 400, "invalid_grant")]
    [InlineData("grant_type=client_credentials&client_id=intruder&client_secret=test-api-key-Vb8nQ2rX7kM4pL9wZ3tJ", null, 400, "unauthorized_client")]
    [InlineData("grant_type=client_credentials&client_id=claude%0D%0Aforged&client_secret=test-api-key-Vb8nQ2rX7kM4pL9wZ3tJ", null, 400, "invalid_request")]
    public async Task Errors_follow_rfc_6749(string form, string? basic, int status, string error)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Content = Json.Body(form, "application/x-www-form-urlencoded") };
        if (basic is not null)
        {
            var secret = basic == "basic-right" ? RunningHost.ApiKey : "not-the-api-key-000000";
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("claude:" + secret)));
        }

        using var response = await host.Client.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
        if (basic == "basic-wrong")
        {
            Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_json_body_is_refused_with_invalid_request()
    {
        using var response = await host.Client.PostAsync(TokenPath, Json.Body("""{"grant_type":"client_credentials"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await Json.ReadAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorization_server_metadata_matches_the_protected_resource_metadata_and_the_endpoints_answer()
    {
        var metadata = await Json.ReadAsync(await host.Client.GetAsync("/.well-known/oauth-authorization-server"));
        var resource = await Json.ReadAsync(await host.Client.GetAsync("/.well-known/oauth-protected-resource/api/v1/mcp"));
        Assert.Equal(resource.GetProperty("authorization_servers")[0].GetString(), metadata.GetProperty("issuer").GetString());
        Assert.Equal(host.BaseUrl, metadata.GetProperty("issuer").GetString());
        Assert.Equal(
            resource.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()),
            metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], metadata.GetProperty("grant_types_supported").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(host.BaseUrl + TokenPath, metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(["code"], metadata.GetProperty("response_types_supported").EnumerateArray().Select(s => s.GetString()));

        // The advertised endpoints are the live ones.
        var tokenEndpoint = new Uri(metadata.GetProperty("token_endpoint").GetString()!).PathAndQuery;
        using var issued = await OAuthAsync(host, tokenEndpoint, [new("grant_type", "client_credentials")], basic: ("claude", RunningHost.ApiKey));
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await Json.ReadAsync(issued)).GetProperty("access_token").GetString()!;
        var revocationEndpoint = new Uri(metadata.GetProperty("revocation_endpoint").GetString()!).PathAndQuery;
        using var revoked = await OAuthAsync(host, revocationEndpoint, [new("token", token)]);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal((401, "revoked"), await CallMcpAsync(host, token));
    }

    [Fact]
    public async Task Authentication_failures_and_issued_tokens_are_counted_on_the_auth_meter()
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == "CampaignMcp.Auth")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = string.Concat(tags.ToArray().Where(t => t.Key is "reason" or "grant").Select(t => "/" + t.Value));
            counts.AddOrUpdate(instrument.Name + reason, value, (_, total) => total + value);
        });
        listener.Start();

        using var failed = await OAuthAsync(host, TokenPath, [new("grant_type", "client_credentials")], basic: ("claude", "not-the-api-key-000000"));
        using var issued = await OAuthAsync(host, TokenPath, [new("grant_type", "client_credentials")], basic: ("claude", RunningHost.ApiKey));
        Assert.Equal(1, counts.GetValueOrDefault("campaign_mcp.auth.failures/client_secret_invalid"));
        Assert.Equal(1, counts.GetValueOrDefault("campaign_mcp.tokens.issued/client_credentials"));
    }
}
