using CampaignMcp.Configuration;
using CampaignMcp.SignIn;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.SignIn;

/// <summary>Who may sign in (MCP_OIDC_ALLOWED) and what their roles grant (MCP_OIDC_ROLE_SCOPES).</summary>
public sealed class SignInAccessPolicyTests
{
    private static readonly SignedInUser Alice = new("t1/a", "Alice", "alice@contoso.com", "72f988bf-86f1-41af-91ab-2d7cd011db47", ["Campaigns.Reader"], ["0b6f2a4e-5c1d-4e8f-9a3b-7d2c1e0f9a8b"]);

    private static SignInAccessPolicy Policy(string allowed, string? roles = "Campaigns.Reader=campaigns:read;Campaigns.Exporter=campaigns:read,campaigns:export,tools:call")
    {
        var read = TestSettings.Read(
            (SettingNames.OidcIssuer, "https://login.example.com/t"),
            (SettingNames.OidcClientId, "id"),
            (SettingNames.OidcClientSecret, "s"),
            (SettingNames.OidcAllowed, allowed),
            (SettingNames.OidcRoleScopes, roles));
        Assert.Empty(read.Errors);
        return new SignInAccessPolicy(read.IdentityProvider);
    }

    [Theory]
    [InlineData("72f988bf-86f1-41af-91ab-2d7cd011db47")]
    [InlineData("@contoso.com")]
    [InlineData("@CONTOSO.COM")]
    [InlineData("role:Campaigns.Reader")]
    [InlineData("group:0B6F2A4E-5C1D-4E8F-9A3B-7D2C1E0F9A8B")]
    [InlineData("")]
    public void A_user_matching_any_rule_is_admitted(string allowed)
    {
        Assert.Null(Policy(allowed).Refusal(Alice));
    }

    [Theory]
    [InlineData("0b6f2a4e-5c1d-4e8f-9a3b-7d2c1e0f9a8b")]
    [InlineData("@fabrikam.com")]
    [InlineData("role:Campaigns.Exporter")]
    [InlineData("group:11111111-2222-3333-4444-555555555555")]
    public void A_user_matching_no_rule_is_told_why(string allowed)
    {
        var refusal = Policy(allowed).Refusal(Alice);

        Assert.NotNull(refusal);
        Assert.Contains("alice@contoso.com", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_grants_only_its_scopes()
    {
        Assert.Equal(["campaigns:read"], Policy("").Grantable(Alice));
        Assert.Empty(Policy("").Grantable(Alice with { Roles = [] }));
        Assert.Equal(["campaigns:read", "campaigns:export", "tools:call"], Policy("").Grantable(Alice with { Roles = ["Campaigns.Reader", "Campaigns.Exporter"] }));
    }

    [Fact]
    public void Without_a_role_mapping_everyone_admitted_gets_the_default_scopes()
    {
        Assert.Equal(["campaigns:read", "tools:call"], Policy("", roles: null).Grantable(Alice with { Roles = [] }));
    }
}
