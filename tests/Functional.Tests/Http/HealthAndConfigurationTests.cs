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
