using CampaignMcp.Configuration;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.Configuration;

public class SettingsTests
{
    private const string StrongSecret = TestSecrets.StrongSecret;
    private const string WeakSecret = "too-short-secret";

    public static TheoryData<string, string?, string> Matrix()
    {
        var data = new TheoryData<string, string?, string>();
        foreach (var environment in new[] { "local", "node-production", "azure", "azure-development" })
        {
            foreach (var authEnabled in new string?[] { null, "true", "false", "YES", "0", "maybe" })
            {
                foreach (var secret in new[] { "strong", "missing", "weak" })
                {
                    data.Add(environment, authEnabled, secret);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Environment_auth_switch_and_secret_combine_as_documented(string environment, string? authEnabled, string secret)
    {
        var read = TestSettings.Read(
            (SettingNames.NodeEnv, environment == "node-production" ? "production" : null),
            (SettingNames.WebsiteSiteName, environment.StartsWith("azure", StringComparison.Ordinal) ? "campaign-mcp" : null),
            (SettingNames.AzureFunctionsEnvironment, environment == "azure-development" ? "Development" : null),
            (SettingNames.AuthEnabled, authEnabled),
            (SettingNames.ApiKey, "an-api-key-for-the-matrix"),
            (SettingNames.JwtSecret, secret switch { "strong" => StrongSecret, "weak" => WeakSecret, _ => null }));

        if (authEnabled == "maybe")
        {
            var error = Assert.Single(read.Errors);
            Assert.Equal(SettingNames.AuthEnabled, error.Setting);
            Assert.DoesNotContain("maybe", error.Message, StringComparison.Ordinal);
            return;
        }

        Assert.Empty(read.Errors);
        var settings = read.Tokens;
        var readiness = read.Readiness;
        var production = environment is "node-production" or "azure";
        Assert.Equal(production, read.Deployment.IsProduction);
        var expectedAuth = authEnabled switch { null => production, "true" or "YES" => true, _ => false };
        Assert.Equal(expectedAuth, settings.AuthEnabled);

        switch (secret)
        {
            case "strong":
                Assert.Empty(settings.Issues);
                Assert.Equal(StrongSecret, settings.JwtSecret);
                Assert.False(settings.UsesGeneratedDevelopmentCredentials);
                break;
            case "weak":
                var weak = Assert.Single(settings.Issues);
                Assert.Equal(SettingNames.JwtSecret, weak.Setting);
                Assert.False(readiness.IsServiceable);
                break;
            case "missing" when production:
                var missing = Assert.Single(settings.Issues);
                Assert.Equal("MCP_JWT_SECRET is not set", missing.Message);
                Assert.Null(settings.JwtSecret);
                break;
            case "missing":
                Assert.Empty(settings.Issues);
                Assert.True(settings.UsesGeneratedDevelopmentCredentials);
                Assert.Null(SecretStrength.Weakness(settings.JwtSecret!));
                Assert.Equal("an-api-key-for-the-matrix", settings.ApiKey);
                break;
        }

        Assert.Equal(production && !expectedAuth, readiness.Warnings.Any(w => w.Contains("authorization is off in production", StringComparison.Ordinal)));
    }

    [Fact]
    public void Production_without_api_key_is_misconfigured_and_never_generates_credentials()
    {
        var settings = TestSettings.Read((SettingNames.NodeEnv, "production")).Tokens;
        Assert.Equal(["API_KEY is not set", "MCP_JWT_SECRET is not set"], settings.Issues.Select(i => i.Message));
        Assert.Null(settings.ApiKey);
        Assert.False(settings.UsesGeneratedDevelopmentCredentials);
        Assert.True(settings.AuthEnabled);
    }

    [Theory]
    [InlineData("short-key", "shorter than 16 characters")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa", "placeholder")]
    public void A_weak_api_key_is_an_issue_like_a_weak_secret(string apiKey, string problem)
    {
        var settings = TestSettings.Read((SettingNames.NodeEnv, "production"), (SettingNames.ApiKey, apiKey), (SettingNames.JwtSecret, StrongSecret)).Tokens;
        var issue = Assert.Single(settings.Issues);
        Assert.Equal(SettingNames.ApiKey, issue.Setting);
        Assert.Contains(problem, issue.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_match_the_original_server()
    {
        var read = TestSettings.Read();
        var settings = read.Tokens;
        Assert.Equal(TimeSpan.FromHours(24), settings.TokenLifetime);
        Assert.Equal(["claude", "chatgpt", "cursor", "vscode", "continue"], settings.AllowedClientList);
        Assert.Equal(["https://claude.ai", "https://chat.openai.com", "https://cursor.sh"], read.Cors.Origins);
        Assert.False(settings.AuthEnabled);
        Assert.Equal("http://127.0.0.1:7071", settings.Issuer);
        Assert.Equal("http://127.0.0.1:7071/api/v1/mcp", settings.Audience);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("24h", 86400)]
    [InlineData("7d", 604800)]
    [InlineData("3600", 3600)]
    public void Every_expiry_format_sets_the_lifetime(string expiry, int seconds)
    {
        var settings = TestSettings.Read((SettingNames.TokenExpiry, expiry)).Tokens;
        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.TokenLifetime);
    }

    [Theory]
    [InlineData("24x")]
    [InlineData("30s")]
    [InlineData("31d")]
    [InlineData("forever")]
    [InlineData("-1")]
    public void Every_invalid_expiry_is_a_startup_error_naming_the_variable(string expiry)
    {
        var error = Assert.Single(TestSettings.Read((SettingNames.TokenExpiry, expiry)).Errors);
        Assert.StartsWith("MCP_TOKEN_EXPIRY ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://claude.ai/path")]
    [InlineData("claude.ai")]
    [InlineData("ftp://files.example")]
    public void A_cors_entry_that_is_not_an_origin_is_a_startup_error(string origin)
    {
        var error = Assert.Single(TestSettings.Read((SettingNames.CorsOrigin, $"https://claude.ai,{origin}")).Errors);
        Assert.Equal(SettingNames.CorsOrigin, error.Setting);
    }

    [Fact]
    public void An_allowed_clients_list_with_no_entry_is_a_startup_error()
    {
        var error = Assert.Single(TestSettings.Read((SettingNames.AllowedClients, " , ,")).Errors);
        Assert.Equal(SettingNames.AllowedClients, error.Setting);
    }

    [Fact]
    public void Client_ids_compare_case_insensitively_and_origins_exactly()
    {
        var read = TestSettings.Read((SettingNames.AllowedClients, "Claude, my-agent"), (SettingNames.CorsOrigin, "https://app.example.com"));
        var settings = read.Tokens;
        Assert.Contains("CLAUDE", (IReadOnlySet<string>)settings.AllowedClients);
        Assert.Contains("My-Agent", (IReadOnlySet<string>)settings.AllowedClients);
        Assert.DoesNotContain("cursor", (IReadOnlySet<string>)settings.AllowedClients);
        Assert.Equal(["https://app.example.com"], read.Cors.Origins);
    }

    [Theory]
    [InlineData(null, "campaign-mcp.azurewebsites.net", null, "https://campaign-mcp.azurewebsites.net")]
    [InlineData(null, "localhost:7071", null, "http://127.0.0.1:7071")]
    [InlineData("https://mcp.example.com/", "campaign-mcp.azurewebsites.net", null, "https://mcp.example.com")]
    [InlineData(null, "campaign-mcp.azurewebsites.net", "urn:campaign-mcp", "urn:campaign-mcp")]
    public void Issuer_and_audience_derive_from_the_public_url(string? publicUrl, string? hostname, string? issuer, string expectedIssuer)
    {
        var settings = TestSettings.Read((SettingNames.PublicUrl, publicUrl), (SettingNames.WebsiteHostname, hostname), (SettingNames.JwtIssuer, issuer)).Tokens;
        Assert.Equal(expectedIssuer, settings.Issuer);
        Assert.EndsWith("/api/v1/mcp", settings.Audience, StringComparison.Ordinal);
    }
}
