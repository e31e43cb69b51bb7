using CampaignMcp.Configuration;
using CampaignMcp.Hosting;

namespace CampaignMcp.Tests.OAuth.Clients;

public sealed class OAuthClientSettingsTests
{
    private static CampaignMcpSettings Read(params (string Name, string Value)[] values) =>
        CampaignMcpSettings.Read(SettingsReader.FromValues(values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value))));

    [Fact]
    public void Defaults_are_twenty_registrations_an_hour_and_public_addresses_only()
    {
        var settings = Read();
        Assert.Equal(20, settings.OAuthClients.RegistrationLimit);
        Assert.False(settings.OAuthClients.AllowPrivateClientMetadata);
        Assert.Empty(settings.Errors);
    }

    [Fact]
    public void Development_may_allow_private_metadata_addresses()
    {
        var settings = Read(("NODE_ENV", "development"), ("MCP_OAUTH_ALLOW_PRIVATE_CLIENT_METADATA", "true"));
        Assert.True(settings.OAuthClients.AllowPrivateClientMetadata);
        Assert.Empty(settings.Errors);
    }

    [Fact]
    public void Production_refuses_to_start_with_private_metadata_addresses_allowed()
    {
        var settings = Read(("NODE_ENV", "production"), ("MCP_OAUTH_ALLOW_PRIVATE_CLIENT_METADATA", "true"));
        Assert.False(settings.OAuthClients.AllowPrivateClientMetadata);
        var error = Assert.Single(settings.Errors);
        Assert.StartsWith("MCP_OAUTH_ALLOW_PRIVATE_CLIENT_METADATA must not be true in production", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MCP_OAUTH_REGISTRATION_LIMIT", "-1")]
    [InlineData("MCP_OAUTH_REGISTRATION_LIMIT", "lots")]
    [InlineData("MCP_OAUTH_ALLOW_PRIVATE_CLIENT_METADATA", "maybe")]
    public void Values_that_cannot_be_understood_stop_start_up_naming_the_variable(string name, string value)
    {
        var error = Assert.Single(Read((name, value)).Errors);
        Assert.Equal(name, error.Setting);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_the_registration_limit_off_in_production_is_a_warning()
    {
        var settings = Read(("NODE_ENV", "production"), ("MCP_OAUTH_REGISTRATION_LIMIT", "0"));
        Assert.Equal(0, settings.OAuthClients.RegistrationLimit);
        Assert.Contains(settings.OAuthClients.Warnings, warning => warning.Contains("MCP_OAUTH_REGISTRATION_LIMIT", StringComparison.Ordinal));
    }
}
