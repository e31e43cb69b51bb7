using System.Reflection;
using System.Text.Json;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.LocalHost;
using CampaignMcp.SignalR;

namespace CampaignMcp.Functions.Tests.Deployment;

/// <summary>
/// Reads the ARM JSON that infra/build.sh compiles from infra/main.bicep and checks what breaks a
/// deployment silently: app settings drifting from what the app reads, the SignalR upstream missing
/// the message handler's route, weak transport settings, and secrets outside Key Vault.
/// </summary>
public class DeploymentTemplateTests
{
    private static readonly JsonElement Template = Load();

    /// <summary>Settings the platform provides; the template must not set them.</summary>
    private static readonly string[] PlatformSettings = [SettingNames.WebsiteSiteName, SettingNames.WebsiteHostname, SettingNames.AzureFunctionsEnvironment];

    /// <summary>
    /// Optional overrides whose defaults are right in Azure, the local host's internal switch, and the host
    /// storage's connection-string form (Azure sets its identity form, among <see cref="HostSettings"/>).
    /// </summary>
    private static readonly string[] DeliberatelyUnset =
    [
        SettingNames.JwtIssuer, SettingNames.JwtAudience, SettingNames.PublicUrl, SettingNames.SignalRLocalStandIn,
        SettingNames.StorageTablePrefix, SettingNames.AzureWebJobsStorage,
        // Defaults apply (refresh on for 30 days, 10 failures in 5 minutes); the rotation runbook adds previous secrets.
        SettingNames.JwtPreviousSecrets, SettingNames.RefreshTokensEnabled, SettingNames.RefreshTokenExpiry, SettingNames.LockoutMaxFailures, SettingNames.LockoutWindow,
    ];

    /// <summary>Connections set in their identity-based form (<c>NAME__part</c>), never as a connection string.</summary>
    private static readonly Dictionary<string, string[]> IdentityConnections = new()
    {
        [SettingNames.StorageConnection] = [SettingNames.StorageConnection + "__tableServiceUri", SettingNames.StorageConnection + "__credential"],
    };

    /// <summary>Settings the Functions host itself reads (identity-based storage, telemetry).</summary>
    private static readonly string[] HostSettings = ["AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    private static readonly string[] SecretSettings = [SettingNames.ApiKey, SettingNames.JwtSecret, SettingNames.AzureSignalRConnectionString];

    private static JsonElement Load()
    {
        var root = LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory)!;
        var path = Path.Combine(root, "artifacts", "infra", "main.json");
        Assert.True(File.Exists(path), $"{path} is missing: run infra/build.sh (./test.sh does)");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    /// <summary>Every resource in the template, nested deployments included.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && node.TryGetProperty("apiVersion", out _))
            {
                yield return node;
            }

            foreach (var property in node.EnumerateObject())
            {
                foreach (var inner in Resources(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in node.EnumerateArray().SelectMany(Resources))
            {
                yield return inner;
            }
        }
    }

    private static JsonElement Single(string type, Func<JsonElement, bool>? where = null) =>
        Assert.Single(Resources(Template), r => r.GetProperty("type").GetString() == type && (where?.Invoke(r) ?? true));

    private static JsonElement AppSettings() =>
        Single("Microsoft.Web/sites/config", r => r.GetProperty("name").GetString()!.Contains("appsettings", StringComparison.Ordinal)).GetProperty("properties");

    private static string[] AllSettingNames() =>
        typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();

    [Fact]
    public void Every_setting_the_app_reads_is_classified_so_a_new_one_forces_a_decision()
    {
        var classified = SecretSettings.Concat(PlatformSettings).Concat(DeliberatelyUnset).Concat(IdentityConnections.Keys)
            .Concat([SettingNames.NodeEnv, SettingNames.AuthEnabled, SettingNames.TokenExpiry, SettingNames.AllowedClients, SettingNames.CorsOrigin, SettingNames.Store]);
        Assert.Equal(AllSettingNames().Order(), classified.Order());
    }

    [Fact]
    public void App_settings_carry_every_variable_the_app_reads_and_nothing_else()
    {
        var expected = AllSettingNames().Except(PlatformSettings).Except(DeliberatelyUnset).Except(IdentityConnections.Keys)
            .Concat(IdentityConnections.Values.SelectMany(parts => parts)).Concat(HostSettings).Order();
        Assert.Equal(expected, AppSettings().EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void Production_defaults_are_set()
    {
        var settings = AppSettings();
        Assert.Equal("production", settings.GetProperty(SettingNames.NodeEnv).GetString());
        Assert.Equal("true", settings.GetProperty(SettingNames.AuthEnabled).GetString());
        Assert.Equal("table", settings.GetProperty(SettingNames.Store).GetString());
    }

    [Fact]
    public void Table_storage_is_reached_with_the_managed_identity_at_the_accounts_table_endpoint()
    {
        var settings = AppSettings();
        Assert.Equal("managedidentity", settings.GetProperty("MCP_STORAGE_CONNECTION__credential").GetString());
        Assert.False(settings.TryGetProperty(SettingNames.StorageConnection, out _), "no connection string: the account takes identities only");

        var deployment = Single("Microsoft.Resources/deployments", r => r.GetProperty("name").GetString() == "functionapp");
        var endpoint = deployment.GetProperty("properties").GetProperty("parameters").GetProperty("storageTableEndpoint").GetProperty("value").GetString();
        Assert.Contains("tableEndpoint", endpoint, StringComparison.Ordinal);

        const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        Assert.Contains(StorageTableDataContributor, Template.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_only_key_vault_references()
    {
        var settings = AppSettings();
        foreach (var name in SecretSettings)
        {
            Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings.GetProperty(name).GetString(), StringComparison.Ordinal);
        }

        var parameters = Template.GetProperty("parameters");
        foreach (var name in new[] { "apiKey", "jwtSecret" })
        {
            Assert.Equal("securestring", parameters.GetProperty(name).GetProperty("type").GetString());
            Assert.False(parameters.GetProperty(name).TryGetProperty("defaultValue", out _), $"{name} must have no default");
        }

        var outputs = Template.GetProperty("outputs").GetRawText();
        foreach (var leak in new[] { "apiKey", "jwtSecret", "listKeys", "primaryConnectionString" })
        {
            Assert.DoesNotContain(leak, outputs, StringComparison.Ordinal);
        }

        var vault = Single("Microsoft.KeyVault/vaults", r => r.TryGetProperty("properties", out _));
        Assert.True(vault.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.False(vault.GetProperty("properties").TryGetProperty("accessPolicies", out _));
    }

    [Fact]
    public void SignalR_is_serverless_and_its_upstream_reaches_the_message_handler_route()
    {
        var signalR = Single("Microsoft.SignalRService/signalR").GetProperty("properties");
        Assert.Contains(signalR.GetProperty("features").EnumerateArray(), f => f.GetProperty("flag").GetString() == "ServiceMode" && f.GetProperty("value").GetString() == "Serverless");
        var upstream = Assert.Single(signalR.GetProperty("upstream").GetProperty("templates").EnumerateArray());
        Assert.Equal(HubContract.HubName, upstream.GetProperty("hubPattern").GetString());

        var deployment = Single("Microsoft.Resources/deployments", r => r.GetProperty("name").GetString() == "signalr");
        var url = deployment.GetProperty("properties").GetProperty("parameters").GetProperty("upstreamUrlTemplate").GetProperty("value").GetString()!;
        // ARM's format() doubles literal braces.
        var unescaped = url.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);
        Assert.Contains("https://{0}/" + Routes.SignalRUpstream + "'", unescaped, StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_is_https_only_tls_1_2_with_ftp_and_basic_publishing_off()
    {
        var site = Single("Microsoft.Web/sites").GetProperty("properties");
        Assert.True(site.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", site.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", site.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        Assert.Empty(site.GetProperty("siteConfig").GetProperty("cors").GetProperty("allowedOrigins").EnumerateArray());
        var runtime = site.GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());

        var policies = Resources(Template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToArray();
        Assert.Equal(2, policies.Length);
        Assert.All(policies, p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));

        var plan = Single("Microsoft.Web/serverfarms");
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
    }

    [Fact]
    public void The_runtime_version_parameter_matches_the_framework_the_app_is_built_for()
    {
        var version = Template.GetProperty("parameters").GetProperty("dotnetVersion").GetProperty("defaultValue").GetString();
        Assert.Equal($"{Environment.Version.Major}.0", version);
    }

    [Fact]
    public void Storage_takes_identities_only_over_tls_1_2()
    {
        var storage = Single("Microsoft.Storage/storageAccounts", r => r.TryGetProperty("sku", out _)).GetProperty("properties");
        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
    }
}
