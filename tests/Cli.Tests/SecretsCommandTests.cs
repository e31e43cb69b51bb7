using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignMcp.Configuration;
using CampaignMcp.Hosting;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Cli.Tests;

public partial class SecretsCommandTests
{
    [GeneratedRegex("[0-9a-f]{32,}")]
    private static partial Regex GeneratedSecret();

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApplication.Run(args, output, error);
        // What the command generates is secret; its stderr is its log, which the log scan reads after the suite.
        foreach (Match secret in GeneratedSecret().Matches(output.ToString()))
        {
            LogScanFiles.RecordSecret("cli generated secret", secret.Value);
        }

        LogScanFiles.Append("cli", error.ToString());
        return (exit, output.ToString(), error.ToString());
    }

    private static Dictionary<string, string> ParseDotenv(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    [Fact]
    public void Dotenv_is_the_default_and_carries_every_original_variable()
    {
        var (exit, output, error) = Run("secrets");
        Assert.Equal(0, exit);
        var values = ParseDotenv(output);
        Assert.Equal(["NODE_ENV", "API_KEY", "MCP_JWT_SECRET", "MCP_AUTH_ENABLED", "MCP_TOKEN_EXPIRY", "MCP_ALLOWED_CLIENTS", "MCP_CORS_ORIGIN"], values.Keys);
        Assert.Equal("production", values["NODE_ENV"]);
        Assert.Matches("^[0-9a-f]{32}$", values["API_KEY"]);
        Assert.Matches("^[0-9a-f]{64}$", values["MCP_JWT_SECRET"]);
        Assert.Null(SecretStrength.Weakness(values["MCP_JWT_SECRET"]));
        Assert.DoesNotContain(values["API_KEY"], error, StringComparison.Ordinal);
        Assert.Contains("Key Vault", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_values_resolve_to_a_serviceable_production_configuration()
    {
        var values = ParseDotenv(Run("secrets").Output);
        // Read exactly as the app reads its environment: every generated name and value, nothing else.
        var settings = CampaignMcpSettings.Read(SettingsReader.FromValues(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))));
        Assert.Empty(settings.Errors);
        Assert.True(settings.Deployment.IsProduction);
        Assert.True(settings.Tokens.AuthEnabled);
        Assert.Empty(settings.Readiness.Issues);
    }

    [Fact]
    public void Every_generated_api_key_passes_the_production_entropy_check()
    {
        // 32 hex digits are exactly the 128 bits production asks for: no generated key may fall short of the estimate.
        for (var run = 0; run < 100; run++)
        {
            var apiKey = ParseDotenv(Run("secrets").Output)["API_KEY"];
            Assert.Equal(128, SecretStrength.ApiKeyBits(apiKey));
            Assert.Null(SecretStrength.ApiKeyEntropyWeakness(apiKey));
        }
    }

    [Fact]
    public void Every_run_generates_new_secrets()
    {
        var first = ParseDotenv(Run("secrets").Output);
        var second = ParseDotenv(Run("secrets").Output);
        Assert.NotEqual(first["API_KEY"], second["API_KEY"]);
        Assert.NotEqual(first["MCP_JWT_SECRET"], second["MCP_JWT_SECRET"]);
    }

    [Fact]
    public void Local_settings_format_is_a_complete_local_settings_file()
    {
        var (exit, output, _) = Run("secrets", "--format", "local-settings");
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.False(root.GetProperty("IsEncrypted").GetBoolean());
        var values = root.GetProperty("Values");
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Matches("^[0-9a-f]{64}$", values.GetProperty("MCP_JWT_SECRET").GetString());
    }

    [Fact]
    public void Az_format_is_one_appsettings_command_with_quoted_values()
    {
        var (exit, output, _) = Run("secrets", "--format", "az", "--name", "my-app", "-g", "rg-mcp");
        Assert.Equal(0, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("az functionapp config appsettings set --name my-app --resource-group rg-mcp --settings NODE_ENV=production API_KEY=", line, StringComparison.Ordinal);
        Assert.Contains("MCP_CORS_ORIGIN=https://claude.ai,https://chat.openai.com,https://cursor.sh", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Azd_format_sets_each_value_in_the_environment()
    {
        var lines = Run("secrets", "--format", "azd").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("azd env set ", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("secrets --format yaml", "unknown format 'yaml'")]
    [InlineData("secrets --format", "needs a value")]
    [InlineData("secrets --bogus", "unexpected argument '--bogus'")]
    [InlineData("deploy", "unknown command 'deploy'")]
    [InlineData("", "Usage: campaign-mcp")]
    public void Bad_arguments_exit_2_with_a_plain_message(string commandLine, string message)
    {
        var (exit, output, error) = Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
