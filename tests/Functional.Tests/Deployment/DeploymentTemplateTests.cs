using System.Reflection;
using System.Text.Json;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.LocalHost;
using CampaignMcp.SignalR;

namespace CampaignMcp.Functional.Tests.Deployment;

/// <summary>
/// Reads the ARM JSON that infra/build.sh compiles from infra/main.bicep and checks what breaks a
/// deployment silently: app settings drifting from what the app reads, the SignalR upstream missing
/// the message handler's route, weak transport settings, secrets outside Key Vault, site settings that
/// Flex Consumption rejects, and an identity whose roles arrive after the app first starts.
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
        // Defaults apply (20 registrations per address per hour); the private-address allowance is development only.
        SettingNames.OAuthRegistrationLimit, SettingNames.OAuthAllowPrivateClientMetadata,
        // 60 s retry grace for a rotated refresh token; the local host's function key (the Functions host has its own keys).
        SettingNames.RefreshTokenReuseGrace, SettingNames.LocalFunctionKey,
        // Unset: the connection's address (the worker already resolved the Functions host's forwarding); set it behind Front Door.
        SettingNames.ClientIpHeader,
        // The local host's stand-in mode; Microsoft Entra ID's published keys are the default for upstream tokens.
        SettingNames.SignalRLocalAuth, SettingNames.SignalRUpstreamKeysUrl,
        // Provider sign-in authenticates with the managed identity (federated credential), not a secret; the page
        // names the provider from its issuer unless an operator sets a display name.
        SettingNames.OidcClientSecret, SettingNames.OidcDisplayName,
    ];

    /// <summary>Connections set in their identity-based form (<c>NAME__part</c>), never as a connection string.</summary>
    private static readonly Dictionary<string, string[]> IdentityConnections = new()
    {
        [SettingNames.StorageConnection] = [SettingNames.StorageConnection + "__tableServiceUri", SettingNames.StorageConnection + "__credential", SettingNames.StorageConnection + "__clientId"],
    };

    /// <summary>Settings the Functions host itself reads (identity-based storage, telemetry).</summary>
    private static readonly string[] HostSettings = ["AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    /// <summary>Role definition ids the identity needs: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles</summary>
    private static readonly Dictionary<string, string> RequiredRoles = new()
    {
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["Key Vault Secrets User"] = "4633458b-17de-408a-b874-0445c86b69e6",
        ["Monitoring Metrics Publisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        ["SignalR App Server"] = "420fcaa2-552c-430f-98ca-3264be4806c7",
        ["SignalR REST API Owner"] = "fd53cd77-2268-407a-8f46-7e7863d0f521",
    };

    /// <summary>How the compiled function-app module names the identity it is given.</summary>
    private const string IdentityIdParameter = "[parameters('identityId')]";
    private const string IdentityClientIdParameter = "[parameters('identityClientId')]";

    /// <summary>Sign-in with the organization's provider: Bicep parameters, blank (off) by default.</summary>
    private static readonly string[] ProviderSignInSettings =
    [
        SettingNames.OidcIssuer, SettingNames.OidcClientId, SettingNames.OidcManagedIdentityClientId, SettingNames.OidcAllowed, SettingNames.OidcRoleScopes, SettingNames.SignInMethods,
    ];

    [Fact]
    public void Provider_sign_in_is_off_by_default_and_uses_the_managed_identity_when_an_issuer_is_given()
    {
        var settings = AppSettings();
        Assert.Equal("[parameters('oidcIssuer')]", settings.GetProperty(SettingNames.OidcIssuer).GetString());
        Assert.Equal("[if(empty(parameters('oidcIssuer')), '', parameters('identityClientId'))]", settings.GetProperty(SettingNames.OidcManagedIdentityClientId).GetString());
        Assert.False(settings.TryGetProperty(SettingNames.OidcClientSecret, out _), "no client secret: the federated credential stands for it");
        Assert.Equal("\"\"", Template.GetProperty("parameters").GetProperty("oidcIssuer").GetProperty("defaultValue").GetRawText());
    }

    private static readonly string[] SecretSettings = [SettingNames.ApiKey, SettingNames.JwtSecret];

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

    private static JsonElement Deployment(string name) =>
        Single("Microsoft.Resources/deployments", r => r.GetProperty("name").GetString() == name);

    private static string[] DependsOn(JsonElement deployment) =>
        deployment.TryGetProperty("dependsOn", out var list) ? list.EnumerateArray().Select(d => d.GetString()!).ToArray() : [];

    private static bool NamesDeployment(string expression, string name) =>
        expression.Contains($"'Microsoft.Resources/deployments', '{name}')", StringComparison.Ordinal);

    private static string ModuleParameter(string deployment, string parameter) =>
        Deployment(deployment).GetProperty("properties").GetProperty("parameters").GetProperty(parameter).GetProperty("value").GetRawText();

    private static JsonElement AppSettings() =>
        Single("Microsoft.Web/sites/config", r => r.GetProperty("name").GetString()!.Contains("appsettings", StringComparison.Ordinal)).GetProperty("properties");

    private static string[] AllSettingNames() =>
        typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();

    [Fact]
    public void Every_setting_the_app_reads_is_classified_so_a_new_one_forces_a_decision()
    {
        var classified = SecretSettings.Concat(PlatformSettings).Concat(DeliberatelyUnset).Concat(IdentityConnections.Keys)
            .Concat([SettingNames.NodeEnv, SettingNames.AuthEnabled, SettingNames.TokenExpiry, SettingNames.AllowedClients, SettingNames.CorsOrigin, SettingNames.Store])
            .Concat([SettingNames.AzureSignalRConnectionString, SettingNames.SignalRUpstreamAudience, SettingNames.SignalRUpstreamIssuer]).Concat(ProviderSignInSettings);
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

    // Issue 26: keyless by default. The service takes no access keys, no key is copied into Key Vault, and the app's
    // setting is the identity-based connection string naming the user-assigned identity; keys stay behind a parameter.
    [Fact]
    public void SignalR_has_local_auth_disabled_and_no_connection_string_secret_by_default()
    {
        var parameter = Template.GetProperty("parameters").GetProperty("signalRDisableLocalAuth");
        Assert.Equal("bool", parameter.GetProperty("type").GetString());
        Assert.True(parameter.GetProperty("defaultValue").GetBoolean());
        Assert.Equal("[parameters('signalRDisableLocalAuth')]", Deployment("signalr").GetProperty("properties").GetProperty("parameters").GetProperty("disableLocalAuth").GetProperty("value").GetString());
        var signalR = Single("Microsoft.SignalRService/signalR").GetProperty("properties");
        Assert.Equal("[parameters('disableLocalAuth')]", signalR.GetProperty("disableLocalAuth").GetString());

        // The only secret that would hold a SignalR key exists only when local auth is kept.
        var secret = Single("Microsoft.KeyVault/vaults/secrets", r => r.GetProperty("properties").GetProperty("contentType").GetString() == SettingNames.AzureSignalRConnectionString);
        Assert.Equal("[not(parameters('disableLocalAuth'))]", secret.GetProperty("condition").GetString());
        Assert.Equal(2, Resources(Template).Count(r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets" && !r.TryGetProperty("condition", out _)));

        // A conditional module parameter compiles to one expression for the whole parameter.
        var connection = Deployment("functionapp").GetProperty("properties").GetProperty("parameters").GetProperty("signalRConnectionString").GetString()!;
        Assert.StartsWith("[if(parameters('signalRDisableLocalAuth'), createObject('value', format('Endpoint=https://{0};AuthType=azure.msi;ClientId={1};Version=1.0;'", connection, StringComparison.Ordinal);
        Assert.Contains("'signalr'), '2025-04-01').outputs.hostName.value", connection, StringComparison.Ordinal);
        Assert.Contains("'identity'), '2025-04-01').outputs.clientId.value", connection, StringComparison.Ordinal);
        Assert.Equal("[parameters('signalRConnectionString')]", AppSettings().GetProperty(SettingNames.AzureSignalRConnectionString).GetString());
        Assert.True(SignalRServiceEndpoint.TryParse("Endpoint=https://sigr-x.service.signalr.net;AuthType=azure.msi;ClientId=00000000-0000-0000-0000-000000000001;Version=1.0;", out var parsed, out var error), error);
        Assert.Equal(SignalRAuthKind.ManagedIdentity, parsed.Auth);

        // Upstream stays on the function key until an app registration is named as the token's audience.
        Assert.Equal("", Template.GetProperty("parameters").GetProperty("signalRUpstreamAudience").GetProperty("defaultValue").GetString());
        var upstream = Assert.Single(signalR.GetProperty("upstream").GetProperty("templates").EnumerateArray());
        Assert.Equal("[if(empty(parameters('upstreamAudience')), createObject('type', 'None'), createObject('type', 'ManagedIdentity', 'managedIdentity', createObject('resource', parameters('upstreamAudience'))))]", upstream.GetProperty("auth").GetString());
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

    // The message handler is function level; the service's upstream URL carries the key the
    // app's host holds, one secure value (fresh per provision) written to both in one deployment.
    [Fact]
    public void The_upstream_url_carries_the_function_key_the_app_holds_and_the_key_is_never_plain_text()
    {
        var key = Template.GetProperty("parameters").GetProperty("signalRUpstreamKey");
        Assert.Equal("securestring", key.GetProperty("type").GetString());
        Assert.Equal("[newGuid()]", key.GetProperty("defaultValue").GetString());
        Assert.Equal("\"[parameters('signalRUpstreamKey')]\"", ModuleParameter("signalr", "upstreamFunctionKey"));
        Assert.Equal("\"[parameters('signalRUpstreamKey')]\"", ModuleParameter("functionapp", "signalRUpstreamKey"));

        var upstream = Assert.Single(Single("Microsoft.SignalRService/signalR").GetProperty("properties").GetProperty("upstream").GetProperty("templates").EnumerateArray());
        Assert.Equal("[format('{0}?code={1}', parameters('upstreamUrlTemplate'), parameters('upstreamFunctionKey'))]", upstream.GetProperty("urlTemplate").GetString());
        var hostKey = Single("Microsoft.Web/sites/host/functionKeys");
        Assert.Equal("[parameters('signalRUpstreamKey')]", hostKey.GetProperty("properties").GetProperty("value").GetString());
        Assert.Contains("/default/", hostKey.GetProperty("name").GetString(), StringComparison.Ordinal);
        foreach (var module in new[] { "signalr", "functionapp" })
        {
            var parameters = Deployment(module).GetProperty("properties").GetProperty("template").GetProperty("parameters");
            Assert.Equal("securestring", parameters.GetProperty(module == "signalr" ? "upstreamFunctionKey" : "signalRUpstreamKey").GetProperty("type").GetString());
        }
    }

    [Fact]
    public void The_function_app_is_https_only_tls_1_2_with_basic_publishing_off_and_only_settings_flex_accepts()
    {
        var site = Single("Microsoft.Web/sites").GetProperty("properties");
        Assert.True(site.GetProperty("httpsOnly").GetBoolean());
        var siteConfig = site.GetProperty("siteConfig");
        Assert.Equal("1.2", siteConfig.GetProperty("minTlsVersion").GetString());
        Assert.Empty(siteConfig.GetProperty("cors").GetProperty("allowedOrigins").EnumerateArray());

        // Flex Consumption refuses ftpsState (ARM error 51021) and hides http20Enabled:
        // https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations
        Assert.Equal(["cors", "minTlsVersion", "scmMinTlsVersion"], siteConfig.EnumerateObject().Select(p => p.Name).Order());
        var runtime = site.GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());

        // Flex has no FTP endpoint; the scm policy is the one basic-auth surface left to close.
        var policy = Assert.Single(Resources(Template), r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.EndsWith("'scm')]", policy.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.False(policy.GetProperty("properties").GetProperty("allow").GetBoolean());

        var plan = Single("Microsoft.Web/serverfarms");
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
    }

    [Fact]
    public void The_identity_and_all_its_role_assignments_exist_before_and_independent_of_the_site()
    {
        var identity = Single("Microsoft.ManagedIdentity/userAssignedIdentities");
        Assert.NotNull(identity.GetProperty("name").GetString());

        // The roles module takes the identity's principal and nothing from the function app.
        var roles = Deployment("roles");
        Assert.True(NamesDeployment(ModuleParameter("roles", "principalId"), "identity"));
        Assert.Contains(DependsOn(roles), d => NamesDeployment(d, "identity"));
        Assert.DoesNotContain(DependsOn(roles), d => NamesDeployment(d, "functionapp"));
        var rolesTemplate = roles.GetProperty("properties").GetProperty("template").GetRawText();
        Assert.DoesNotContain("Microsoft.Web/sites", rolesTemplate, StringComparison.Ordinal);
        Assert.DoesNotContain("functionapp", rolesTemplate, StringComparison.OrdinalIgnoreCase);
        foreach (var (role, id) in RequiredRoles)
        {
            Assert.True(rolesTemplate.Contains(id, StringComparison.Ordinal), $"{role} is not granted in the roles module");
        }

        var assignments = Resources(roles.GetProperty("properties").GetProperty("template")).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments").ToArray();
        Assert.NotEmpty(assignments);
        Assert.All(assignments, a =>
        {
            Assert.Equal("[parameters('principalId')]", a.GetProperty("properties").GetProperty("principalId").GetString());
            Assert.Equal("ServicePrincipal", a.GetProperty("properties").GetProperty("principalType").GetString());
        });

        // No role assignment anywhere else: none can be left for after the site starts.
        Assert.Equal(assignments.Length, Resources(Template).Count(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments"));

        // The site waits for every role.
        var functionApp = Deployment("functionapp");
        Assert.Contains(DependsOn(functionApp), d => NamesDeployment(d, "roles"));
        Assert.Contains(DependsOn(functionApp), d => NamesDeployment(d, "identity"));
    }

    [Fact]
    public void Key_vault_references_and_every_identity_based_setting_name_the_user_assigned_identity()
    {
        Assert.True(NamesDeployment(ModuleParameter("functionapp", "identityId"), "identity"));
        Assert.Contains("outputs.id.value", ModuleParameter("functionapp", "identityId"), StringComparison.Ordinal);
        Assert.Contains("outputs.clientId.value", ModuleParameter("functionapp", "identityClientId"), StringComparison.Ordinal);

        var site = Single("Microsoft.Web/sites");
        var identity = site.GetProperty("identity");
        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        var assigned = Assert.Single(identity.GetProperty("userAssignedIdentities").EnumerateObject());
        Assert.Equal("[format('{0}', parameters('identityId'))]", assigned.Name);

        var properties = site.GetProperty("properties");
        Assert.Equal(IdentityIdParameter, properties.GetProperty("keyVaultReferenceIdentity").GetString());
        var authentication = properties.GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage").GetProperty("authentication");
        Assert.Equal("UserAssignedIdentity", authentication.GetProperty("type").GetString());
        Assert.Equal(IdentityIdParameter, authentication.GetProperty("userAssignedIdentityResourceId").GetString());

        // Every connection in identity form picks the identity by client id.
        var settings = AppSettings();
        var credentialSettings = settings.EnumerateObject().Where(p => p.Name.EndsWith("__credential", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, credentialSettings.Length);
        foreach (var credential in credentialSettings)
        {
            Assert.Equal("managedidentity", credential.Value.GetString());
            var clientId = credential.Name[..^"credential".Length] + "clientId";
            Assert.Equal(IdentityClientIdParameter, settings.GetProperty(clientId).GetString());
        }

        // The host's telemetry authenticates as the identity (Entra-only ingestion).
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings.GetProperty("APPLICATIONINSIGHTS_AUTHENTICATION_STRING").GetString());
        var insights = Single("Microsoft.Insights/components", r => r.TryGetProperty("properties", out _)).GetProperty("properties");
        Assert.True(insights.GetProperty("DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public void Key_vault_purge_protection_is_a_parameter_off_by_default_and_never_sent_as_false()
    {
        var parameter = Template.GetProperty("parameters").GetProperty("keyVaultPurgeProtection");
        Assert.Equal("bool", parameter.GetProperty("type").GetString());
        Assert.False(parameter.GetProperty("defaultValue").GetBoolean());
        Assert.Equal("[parameters('keyVaultPurgeProtection')]", Deployment("keyvault").GetProperty("properties").GetProperty("parameters").GetProperty("enablePurgeProtection").GetProperty("value").GetString());

        // The service refuses an explicit false, and a vault that has it on cannot turn it off.
        var vault = Single("Microsoft.KeyVault/vaults", r => r.TryGetProperty("properties", out _)).GetProperty("properties");
        Assert.Equal("[if(parameters('enablePurgeProtection'), true(), null())]", vault.GetProperty("enablePurgeProtection").GetString());

        var root = LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory)!;
        var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "infra", "main.parameters.json"))).RootElement.GetProperty("parameters");
        Assert.Equal("${AZURE_KEY_VAULT_PURGE_PROTECTION=false}", parameters.GetProperty("keyVaultPurgeProtection").GetProperty("value").GetString());
    }

    [Fact]
    public void Location_is_an_azd_location_among_flex_regions_and_secrets_have_minimum_lengths()
    {
        var parameters = Template.GetProperty("parameters");
        var location = parameters.GetProperty("location");
        Assert.Equal("location", location.GetProperty("metadata").GetProperty("azd").GetProperty("type").GetString());
        var regions = location.GetProperty("allowedValues").EnumerateArray().Select(r => r.GetString()!).ToArray();
        Assert.Contains("eastus", regions);
        Assert.All(regions, r => Assert.Matches("^[a-z0-9]+$", r));
        Assert.DoesNotContain(regions, r => r.EndsWith("euap", StringComparison.Ordinal));

        Assert.Equal(32, parameters.GetProperty("apiKey").GetProperty("minLength").GetInt32());
        Assert.Equal(64, parameters.GetProperty("jwtSecret").GetProperty("minLength").GetInt32());
    }

    [Fact]
    public void SignalR_cors_origins_are_trimmed_and_empty_entries_dropped_as_the_app_reads_them()
    {
        var origins = ModuleParameter("signalr", "corsOrigins");
        Assert.Contains("filter(map(split(parameters('corsOrigins'), ','), lambda('origin', trim(lambdaVariables('origin')))), lambda('origin', not(empty(lambdaVariables('origin')))))", origins, StringComparison.Ordinal);
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
