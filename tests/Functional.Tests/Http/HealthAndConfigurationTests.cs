using System.Net;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.Functional.Tests.Http;

public class HealthAndConfigurationTests
{
    [Fact]
    public async Task Health_reports_configuration_without_any_secret()
    {
        await using var host = await RunningHost.StartAsync();
        host.Time.Advance(TimeSpan.FromSeconds(42));

        using var response = await host.Client.GetAsync("/api/v1/mcp/health");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("development", body.GetProperty("environment").GetString());
        Assert.Equal(42, body.GetProperty("uptime_seconds").GetInt64());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        var auth = body.GetProperty("auth");
        Assert.True(auth.GetProperty("enabled").GetBoolean());
        Assert.True(auth.GetProperty("configured").GetBoolean());
        Assert.Empty(auth.GetProperty("issues").EnumerateArray());
        Assert.Equal(86400, auth.GetProperty("token_expiry_seconds").GetInt64());
        Assert.Equal(5, auth.GetProperty("allowed_clients").GetArrayLength());
        Assert.Equal(3, auth.GetProperty("cors_origins").GetArrayLength());
        Assert.DoesNotContain(RunningHost.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RunningHost.Secret, text, StringComparison.Ordinal);
        Assert.Equal(
            ["enabled", "configured", "issues", "warnings", "credentials", "token_expiry_seconds", "allowed_clients", "cors_origins", "issuer", "audience"],
            auth.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(null, "short-but-random!", "MCP_JWT_SECRET carries fewer than 256 bits")]
    [InlineData(null, null, "MCP_JWT_SECRET is not set")]
    [InlineData("", RunningHost.Secret, "API_KEY is not set")]
    public async Task Production_with_a_missing_or_weak_credential_is_misconfigured_and_refuses_tokens(string? apiKey, string? secret, string problem)
    {
        var settings = new Dictionary<string, string?> { ["NODE_ENV"] = "production", ["API_KEY"] = apiKey ?? RunningHost.ApiKey, ["MCP_JWT_SECRET"] = secret };
        await using var host = await RunningHost.StartAsync(settings);

        using var health = await host.Client.GetAsync("/api/v1/mcp/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await Json.ReadAsync(health);
        Assert.Equal("misconfigured", report.GetProperty("status").GetString());
        Assert.Equal("production", report.GetProperty("environment").GetString());
        Assert.Contains(report.GetProperty("auth").GetProperty("issues").EnumerateArray(), i => i.GetString()!.StartsWith(problem, StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/auth/token") { Content = Json.Body("""{"client_id":"claude"}""") };
        request.Headers.Add("X-API-Key", RunningHost.ApiKey);
        using var token = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        var error = (await Json.ReadAsync(token)).GetProperty("error");
        Assert.Equal("SERVER_MISCONFIGURED", error.GetProperty("code").GetString());
        Assert.Contains(problem, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains(problem, StringComparison.Ordinal));
    }

    /// <summary>The right key is never locked out, so its size is the only guard: production refuses one under 128 bits.</summary>
    [Theory]
    [InlineData("Summer2026Campaign!")] // a human password: four kinds of character, 19 of them (125 bits at most)
    [InlineData("correcthorsebatterystaple")] // lowercase words (118 bits at most)
    [InlineData("3f9c1a7e52b84d06e8a1c4f7b29d3e6")] // 31 hex digits: 124 bits
    [InlineData("381903972000439739166286025681")] // 30 decimal digits, counted as hex: 120 bits
    [InlineData("q3ZxP9vLm2RtK8wNb4Yh")] // 20 random letters and digits: 119 bits
    [InlineData("test-api-key-0123456789")] // a run (0123456789) adds almost nothing
    [InlineData("Xy7#Qm2!Xy7#Qm2!Xy7#Qm2!Xy7#Qm2!")] // one pattern of 8 characters, repeated
    public async Task Production_refuses_an_api_key_under_128_bits_and_says_how_to_generate_one(string apiKey)
    {
        var settings = RunningHost.DefaultSettings();
        settings["NODE_ENV"] = "production";
        settings["API_KEY"] = apiKey;
        await using var host = await RunningHost.StartAsync(settings);

        using var health = await host.Client.GetAsync("/api/v1/mcp/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var text = await health.Content.ReadAsStringAsync();
        var report = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal("misconfigured", report.GetProperty("status").GetString());
        var issue = Assert.Single(report.GetProperty("auth").GetProperty("issues").EnumerateArray()).GetString()!;
        Assert.StartsWith("API_KEY is weaker than 128 bits", issue, StringComparison.Ordinal);
        Assert.Contains("campaign-mcp secrets", issue, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, text, StringComparison.Ordinal);

        // Not even the right key buys a token.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/auth/token") { Content = Json.Body("""{"client_id":"claude"}""") };
        request.Headers.Add("X-API-Key", apiKey);
        using var token = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Equal("SERVER_MISCONFIGURED", (await Json.ReadAsync(token)).GetProperty("error").GetProperty("code").GetString());

        Assert.Contains(host.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains("[1101]", StringComparison.Ordinal)
            && line.Contains("API_KEY is weaker than 128 bits", StringComparison.Ordinal) && line.Contains("'campaign-mcp secrets'", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(apiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_accepts_a_generated_api_key_and_development_only_warns_about_a_weak_one()
    {
        var settings = RunningHost.DefaultSettings();
        settings["NODE_ENV"] = "production";
        settings["API_KEY"] = TestSecrets.StrongApiKey;
        await using (var production = await RunningHost.StartAsync(settings))
        {
            using var health = await production.Client.GetAsync("/api/v1/mcp/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Post, TestTokens.TokenPath) { Content = Json.Body("""{"client_id":"claude"}""") };
            request.Headers.Add("X-API-Key", TestSecrets.StrongApiKey);
            using var token = await production.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        }

        var development = RunningHost.DefaultSettings();
        development["API_KEY"] = "Summer2026Campaign!";
        await using var host = await RunningHost.StartAsync(development);
        var report = await Json.ReadAsync(await host.Client.GetAsync("/api/v1/mcp/health"));
        Assert.Equal("healthy", report.GetProperty("status").GetString());
        Assert.Contains(report.GetProperty("auth").GetProperty("warnings").EnumerateArray(), warning => warning.GetString()!.StartsWith("API_KEY is weaker than 128 bits", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_with_nothing_configured_generates_a_working_key()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        var settings = (CampaignMcp.Tokens.TokenSettings)host.Services.GetService(typeof(CampaignMcp.Tokens.TokenSettings))!;
        Assert.True(settings.UsesGeneratedDevelopmentCredentials);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp/auth/token") { Content = Json.Body("""{"client_id":"claude"}""") };
        request.Headers.Add("X-API-Key", settings.ApiKey);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await Json.ReadAsync(await host.Client.GetAsync("/api/v1/mcp/health"));
        Assert.Equal("generated_for_development", health.GetProperty("auth").GetProperty("credentials").GetString());
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(settings.ApiKey!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MCP_TOKEN_EXPIRY", "24x")]
    [InlineData("MCP_TOKEN_EXPIRY", "45d")]
    [InlineData("MCP_AUTH_ENABLED", "sometimes")]
    [InlineData("MCP_CORS_ORIGIN", "https://claude.ai/chat")]
    public async Task A_value_the_app_cannot_understand_stops_start_up_naming_the_variable(string name, string value)
    {
        var settings = RunningHost.DefaultSettings();
        settings[name] = value;
        await using var app = RunningHost.Build($"http://127.0.0.1:{RunningHost.FreePort()}", settings, new FakeTimeProvider(), new CapturedLogs());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
