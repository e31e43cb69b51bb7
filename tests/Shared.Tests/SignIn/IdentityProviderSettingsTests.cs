using CampaignMcp.Configuration;
using CampaignMcp.SignIn;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.SignIn;

/// <summary>The MCP_OIDC_* and MCP_SIGNIN_METHODS settings: read once, and every mistake named by its variable at start-up.</summary>
public sealed class IdentityProviderSettingsTests
{
    private const string Issuer = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";

    private static (string, string?)[] Complete(params (string, string?)[] more) =>
    [
        (SettingNames.OidcIssuer, Issuer),
        (SettingNames.OidcClientId, "00000000-1111-2222-3333-444444444444"),
        (SettingNames.OidcClientSecret, "client-secret-value"),
        .. more,
    ];

    [Fact]
    public void Without_an_issuer_sign_in_is_by_api_key_only()
    {
        var read = TestSettings.Read();

        Assert.Empty(read.Errors);
        Assert.False(read.IdentityProvider.IsConfigured);
        Assert.Equal(SignInMethods.ApiKey, read.IdentityProvider.Methods);
    }

    [Fact]
    public void An_issuer_with_a_client_makes_the_provider_the_default_method_and_reads_roles_and_rules()
    {
        var read = TestSettings.Read(Complete(
            (SettingNames.OidcAllowed, "72f988bf-86f1-41af-91ab-2d7cd011db47, @Contoso.com, role:Campaigns.Reader, group:0b6f2a4e-5c1d-4e8f-9a3b-7d2c1e0f9a8b"),
            (SettingNames.OidcRoleScopes, "Campaigns.Reader=campaigns:read; Campaigns.Exporter=campaigns:read,campaigns:export,tools:call")));

        Assert.Empty(read.Errors);
        var settings = read.IdentityProvider;
        Assert.True(settings.IsConfigured);
        Assert.Equal(SignInMethods.IdentityProvider, settings.Methods);
        Assert.Equal("Microsoft", settings.DisplayName);
        Assert.Equal(
            [new(SignInAllowRuleKind.Tenant, "72f988bf-86f1-41af-91ab-2d7cd011db47"), new(SignInAllowRuleKind.EmailDomain, "contoso.com"), new(SignInAllowRuleKind.Role, "Campaigns.Reader"), new SignInAllowRule(SignInAllowRuleKind.Group, "0b6f2a4e-5c1d-4e8f-9a3b-7d2c1e0f9a8b")],
            settings.Allowed);
        Assert.Equal(["campaigns:read", "campaigns:export", "tools:call"], settings.RoleScopes["Campaigns.Exporter"]);
    }

    [Fact]
    public void A_managed_identity_stands_in_for_the_client_secret()
    {
        var read = TestSettings.Read(
            (SettingNames.OidcIssuer, Issuer),
            (SettingNames.OidcClientId, "00000000-1111-2222-3333-444444444444"),
            (SettingNames.OidcManagedIdentityClientId, "55555555-6666-7777-8888-999999999999"));

        Assert.Empty(read.Errors);
        Assert.True(read.IdentityProvider.IsConfigured);
        Assert.Null(read.IdentityProvider.ClientSecret);
    }

    [Theory]
    [InlineData("http://login.example.com/tenant", SettingNames.OidcIssuer)]
    [InlineData("not a url", SettingNames.OidcIssuer)]
    [InlineData("https://login.example.com/tenant?x=1", SettingNames.OidcIssuer)]
    public void An_issuer_that_is_not_an_https_url_is_refused_naming_the_variable(string issuer, string setting)
    {
        var error = Assert.Single(TestSettings.Read((SettingNames.OidcIssuer, issuer), (SettingNames.OidcClientId, "id"), (SettingNames.OidcClientSecret, "s")).Errors);

        Assert.Equal(setting, error.Setting);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000/tenant")]
    [InlineData("http://[::1]:5000")]
    public void An_http_issuer_is_accepted_only_on_loopback(string issuer)
    {
        var read = TestSettings.Read((SettingNames.OidcIssuer, issuer), (SettingNames.OidcClientId, "id"), (SettingNames.OidcClientSecret, "s"));

        Assert.Empty(read.Errors);
        Assert.True(read.IdentityProvider.IsConfigured);
    }

    [Theory]
    [InlineData(SettingNames.OidcClientId, null, SettingNames.OidcClientId)]
    [InlineData(SettingNames.OidcClientSecret, null, SettingNames.OidcClientSecret)]
    [InlineData(SettingNames.SignInMethods, "password", SettingNames.SignInMethods)]
    [InlineData(SettingNames.OidcAllowed, "everyone", SettingNames.OidcAllowed)]
    [InlineData(SettingNames.OidcRoleScopes, "Reader", SettingNames.OidcRoleScopes)]
    [InlineData(SettingNames.OidcRoleScopes, "Reader=campaigns:delete", SettingNames.OidcRoleScopes)]
    [InlineData(SettingNames.OidcRoleScopes, "Reader=campaigns:read;Reader=tools:call", SettingNames.OidcRoleScopes)]
    public void A_missing_or_unreadable_setting_stops_start_up_naming_it(string name, string? value, string setting)
    {
        var values = Complete().Where(pair => pair.Item1 != name).Append((name, value)).ToArray();

        var error = Assert.Single(TestSettings.Read(values).Errors);

        Assert.Equal(setting, error.Setting);
    }

    [Fact]
    public void The_provider_as_a_sign_in_method_needs_an_issuer()
    {
        var error = Assert.Single(TestSettings.Read((SettingNames.SignInMethods, "idp")).Errors);

        Assert.Equal(SettingNames.SignInMethods, error.Setting);
    }

    [Fact]
    public void Both_methods_can_be_offered()
    {
        var read = TestSettings.Read(Complete((SettingNames.SignInMethods, "idp,apikey")));

        Assert.Empty(read.Errors);
        Assert.Equal(SignInMethods.IdentityProvider | SignInMethods.ApiKey, read.IdentityProvider.Methods);
    }

    [Fact]
    public void Production_without_an_allowed_list_or_role_mapping_warns()
    {
        var read = TestSettings.Read(Complete((SettingNames.NodeEnv, "production"), (SettingNames.ApiKey, "k"), (SettingNames.JwtSecret, "s")));

        Assert.Contains(read.IdentityProvider.Warnings, warning => warning.Contains(SettingNames.OidcAllowed, StringComparison.Ordinal));
        Assert.Contains(read.IdentityProvider.Warnings, warning => warning.Contains(SettingNames.OidcRoleScopes, StringComparison.Ordinal));
    }
}
