using CampaignMcp.Configuration;
using CampaignMcp.SignalR;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CampaignMcp.Tests.Configuration;

public class KeyVaultReferenceTests
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-abcdefghij.vault.azure.net/secrets/api-key/)";

    [Theory]
    [InlineData(Reference, true)]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-abcdefghij;SecretName=api-key)", true)]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-abcdefghij;SecretName=api-key;SecretVersion=0123)", true)]
    [InlineData("  @microsoft.keyvault(SecretUri=https://kv.vault.azure.net/secrets/x)", true)]
    [InlineData("0123456789abcdef0123456789abcdef", false)]
    [InlineData("Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x)", false)]
    [InlineData("prefix @Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x)", false)]
    [InlineData("@Microsoft.AppConfiguration(Endpoint=https://x.azconfig.io; Key=y)", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_reference_is_recognised_in_both_documented_forms_and_nothing_else(string? value, bool unresolved) =>
        Assert.Equal(unresolved, KeyVaultReference.IsUnresolved(value));

    [Fact]
    public void The_reference_text_would_pass_the_strength_checks_so_they_alone_cannot_refuse_it()
    {
        // Why the check exists: long and varied, yet guessable from the vault's name.
        Assert.Null(SecretStrength.ApiKeyWeakness(Reference));
        Assert.Null(SecretStrength.ApiKeyEntropyWeakness(Reference));
        Assert.Null(SecretStrength.Weakness(Reference));
    }

    [Theory]
    [InlineData("API_KEY")]
    [InlineData("MCP_JWT_SECRET")]
    public void In_production_an_unresolved_credential_is_an_issue_naming_the_setting_and_is_never_used(string setting)
    {
        var read = TestSettings.Read(
            (SettingNames.NodeEnv, "production"),
            (SettingNames.ApiKey, setting == SettingNames.ApiKey ? Reference : TestSecrets.StrongApiKey),
            (SettingNames.JwtSecret, setting == SettingNames.JwtSecret ? Reference : TestSecrets.StrongSecret));
        var settings = read.Tokens;

        Assert.Empty(read.Errors);
        Assert.False(read.Readiness.IsServiceable);
        var issue = Assert.Single(read.Readiness.Issues);
        Assert.Equal(setting, issue.Setting);
        Assert.Equal(KeyVaultReference.Problem, issue.Problem);
        Assert.NotEqual(Reference, settings.ApiKey);
        Assert.NotEqual(Reference, settings.JwtSecret);
    }

    [Fact]
    public void In_development_an_unresolved_credential_is_replaced_by_a_generated_one()
    {
        var settings = TestSettings.Read((SettingNames.ApiKey, Reference), (SettingNames.JwtSecret, Reference)).Tokens;

        Assert.True(settings.UsesGeneratedDevelopmentCredentials);
        Assert.NotEqual(Reference, settings.ApiKey);
        Assert.NotEqual(Reference, settings.JwtSecret);
    }

    [Fact]
    public void An_unresolved_previous_secret_is_no_start_up_error_and_never_a_validation_key()
    {
        var read = TestSettings.Read(
            (SettingNames.NodeEnv, "production"),
            (SettingNames.ApiKey, TestSecrets.StrongApiKey),
            (SettingNames.JwtSecret, TestSecrets.StrongSecret),
            (SettingNames.JwtPreviousSecrets, Reference));

        Assert.Empty(read.Errors);
        Assert.Empty(read.Tokens.PreviousJwtSecrets);
    }

    [Fact]
    public void An_unresolved_signalr_connection_string_passes_start_up_and_leaves_an_issue_instead_of_an_endpoint()
    {
        var source = new SignalRSettingsSource { ConnectionString = Reference };

        Assert.True(new SignalRSettingsValidator().Validate(null, source).Succeeded);
        var settings = SignalRSettings.Resolve(source);
        Assert.Null(settings.Endpoint);
        Assert.Equal("misconfigured", settings.Mode);
        Assert.Equal(SettingNames.AzureSignalRConnectionString, settings.Issue!.Setting);
    }

    [Fact]
    public void Unresolved_settings_are_listed_by_name_only_whatever_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["API_KEY"] = Reference,
            ["MCP_CORS_ORIGIN"] = "@Microsoft.KeyVault(VaultName=kv;SecretName=origins)",
            ["MCP_JWT_SECRET"] = TestSecrets.StrongSecret,
            ["EMPTY"] = null,
        }).Build();

        Assert.Equal(["API_KEY", "MCP_CORS_ORIGIN"], KeyVaultReference.UnresolvedSettings(configuration));
    }
}
