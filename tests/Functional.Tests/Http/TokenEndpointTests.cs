using System.Net;
using CampaignMcp.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CampaignMcp.Functional.Tests.Http;

public sealed class TokenEndpointTests : IAsyncLifetime
{
    private const string TokenPath = "/api/v1/mcp/auth/token";
    private RunningHost host = null!;

    public async Task InitializeAsync()
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_TOKEN_EXPIRY"] = "90m";
        host = await RunningHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string body, string? apiKey = RunningHost.ApiKey, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Content = Json.Body(body, mediaType) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return host.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_valid_request_gets_the_original_envelope_and_a_token_with_every_claim()
    {
        using var response = await PostAsync("""{"client_id": "claude", "scope": ["campaigns:read", "campaigns:export", "tools:call"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await Json.ReadAsync(response);
        Assert.Equal(["success", "data"], body.EnumerateObject().Select(p => p.Name));
        Assert.True(body.GetProperty("success").GetBoolean());
        var data = body.GetProperty("data");
        Assert.Equal("Bearer", data.GetProperty("token_type").GetString());
        Assert.Equal(5400, data.GetProperty("expires_in").GetInt64());
        Assert.Equal(["campaigns:read", "campaigns:export", "tools:call"], data.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));

        var token = new JsonWebToken(data.GetProperty("access_token").GetString());
        Assert.Equal("HS256", token.Alg);
        Assert.Equal("at+jwt", token.Typ);
        Assert.False(string.IsNullOrEmpty(token.Kid));
        Assert.Equal(host.BaseUrl, token.Issuer);
        Assert.Equal([host.BaseUrl + "/api/v1/mcp"], token.Audiences);
        Assert.Equal("claude", token.Subject);
        Assert.Equal("claude", token.GetPayloadValue<string>("client_id"));
        Assert.Equal("campaigns:read campaigns:export tools:call", token.GetPayloadValue<string>("scope"));
        Assert.False(string.IsNullOrEmpty(token.Id));
        var issuedAt = token.GetPayloadValue<long>("iat");
        Assert.Equal(issuedAt, token.GetPayloadValue<long>("nbf"));
        Assert.Equal(5400, token.GetPayloadValue<long>("exp") - issuedAt);
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds(), issuedAt);
    }

    [Fact]
    public async Task Scope_may_be_one_space_separated_string()
    {
        using var response = await PostAsync("""{"client_id": "cursor", "scope": "tools:call  campaigns:read"}""");
        var data = (await Json.ReadAsync(response)).GetProperty("data");
        Assert.Equal(["campaigns:read", "tools:call"], data.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("""{"client_id": "claude"}""")]
    [InlineData("""{"client_id": "claude", "scope": null}""")]
    public async Task Omitted_scope_gets_the_default_set(string body)
    {
        using var response = await PostAsync(body);
        var data = (await Json.ReadAsync(response)).GetProperty("data");
        Assert.Equal(["campaigns:read", "tools:call"], data.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Client_ids_match_case_insensitively()
    {
        using var response = await PostAsync("""{"client_id": "VSCode"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string?, string, HttpStatusCode, string, string> BadRequests() => new()
    {
        // body, api key, content type, status, code, message fragment
        { """{"client_id": "claude"}""", null, "application/json", HttpStatusCode.Unauthorized, "AUTH_REQUIRED", "Authentication required" },
        { """{"client_id": "claude"}""", "", "application/json", HttpStatusCode.Unauthorized, "AUTH_REQUIRED", "Authentication required" },
        { """{"client_id": "claude"}""", "wrong-key", "application/json", HttpStatusCode.Unauthorized, "INVALID_API_KEY", "Invalid API key" },
        { """{"client_id": "claude"}""", RunningHost.ApiKey + "x", "application/json", HttpStatusCode.Unauthorized, "INVALID_API_KEY", "Invalid API key" },
        { """{"scope": ["campaigns:read"]}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST", "client_id is required" },
        { """{"client_id": ""}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST", "client_id is required" },
        { """{"client_id": "   "}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST", "client_id is required" },
        { """{"client_id": 42}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST", "client_id is required" },
        { """{"client_id": "mallory"}""", RunningHost.ApiKey, "application/json", HttpStatusCode.Forbidden, "CLIENT_NOT_ALLOWED", "'mallory' is not allowed" },
        { """{"client_id": "claude", "scope": ["campaigns:read", "admin:all"]}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_SCOPE", "Unknown scope: admin:all" },
        { """{"client_id": "claude", "scope": "campaigns:write"}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_SCOPE", "Unknown scope: campaigns:write" },
        { """{"client_id": "claude", "scope": []}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_SCOPE", "names no scope" },
        { """{"client_id": "claude", "scope": [1]}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_SCOPE", "array of strings" },
        { """{"client_id": "claude", "scope": {}}""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_SCOPE", "array of strings" },
        { """{"client_id": "claude",""", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST", "not valid JSON" },
        { "", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST", "not valid JSON" },
        { "[]", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST", "must be a JSON object" },
        { "client_id=claude", RunningHost.ApiKey, "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "application/json" },
        { """{"client_id": "claude"}""", RunningHost.ApiKey, "text/plain", HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "application/json" },
        { "{\"client_id\": \"claude\", \"pad\": \"" + new string('x', 17 * 1024) + "\"}", RunningHost.ApiKey, "application/json", HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", "16 KiB" },
        { "{\"client_id\": \"" + new string('c', 129) + "\"}", RunningHost.ApiKey, "application/json", HttpStatusCode.BadRequest, "INVALID_REQUEST", "at most 128" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Every_bad_request_gets_its_status_code_and_message(string body, string? apiKey, string mediaType, HttpStatusCode status, string code, string message)
    {
        using var response = await PostAsync(body, apiKey, mediaType);

        Assert.Equal(status, response.StatusCode);
        var envelope = await Json.ReadAsync(response);
        Assert.False(envelope.GetProperty("success").GetBoolean());
        Assert.Equal(code, envelope.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(message, envelope.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
        }
    }

    [Fact]
    public async Task A_body_streamed_without_content_length_is_still_cut_at_16_KiB()
    {
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"client_id\":\"" + new string('x', 20_000) + "\"}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Content = content };
        request.Headers.Add("X-API-Key", RunningHost.ApiKey);
        request.Headers.TransferEncodingChunked = true;
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_get_405_with_allow(string method)
    {
        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), TokenPath));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST", "OPTIONS"], response.Content.Headers.Allow);
        var envelope = await Json.ReadAsync(response);
        Assert.Equal("METHOD_NOT_ALLOWED", envelope.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_api_key_and_tokens_never_reach_the_logs()
    {
        using var response = await PostAsync("""{"client_id": "claude"}""");
        var token = (await Json.ReadAsync(response)).GetProperty("data").GetProperty("access_token").GetString()!;
        using var wrong = await PostAsync("""{"client_id": "claude"}""", "wrong-key-value");

        Assert.Contains(host.Logs.Lines, line => line.Contains("[1003]", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, line => line.Contains("api_key_invalid", StringComparison.Ordinal));
        foreach (var secret in new[] { RunningHost.ApiKey, RunningHost.Secret, token, "wrong-key-value" })
        {
            Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
