using System.Net;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CampaignMcp.Functional.Tests.OAuth.ClientRegistrationTests;

namespace CampaignMcp.Functional.Tests.OAuth;

/// <summary>With <c>MCP_STORE=table</c>, registrations and their limit live in the tests' Azurite, shared by instances.</summary>
public sealed class ClientRegistrationOnTableStorageTests
{
    private static async Task<Dictionary<string, string?>> TableSettingsAsync(string prefix, string limit)
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_STORE"] = "table";
        settings["MCP_STORAGE_CONNECTION"] = await AzuriteTables.ConnectionStringAsync();
        settings["MCP_STORAGE_TABLE_PREFIX"] = prefix;
        settings["MCP_OAUTH_REGISTRATION_LIMIT"] = limit;
        return settings;
    }

    [Fact]
    public async Task A_client_registered_on_one_instance_is_known_to_another_until_it_expires()
    {
        var settings = await TableSettingsAsync(AzuriteTables.UniquePrefix(), "20");
        await using var first = await RunningHost.StartAsync(settings);
        await using var second = await RunningHost.StartAsync(settings, time: first.Time);

        using var response = await RegisterAsync(first, """{"client_name":"Claude Code","redirect_uris":["http://127.0.0.1/callback","com.example.claude:/cb"],"application_type":"native"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var clientId = (await JsonAsync(response)).GetProperty("client_id").GetString()!;

        var registry = second.Services.GetRequiredService<OAuthClientRegistry>();
        var client = Assert.IsType<OAuthClientLookup.Found>(await registry.FindAsync(clientId, CancellationToken.None)).Client;
        Assert.Equal("Claude Code", client.Name);
        Assert.Equal(["http://127.0.0.1/callback", "com.example.claude:/cb"], client.RedirectUris);
        Assert.Equal("native", client.ApplicationType);

        first.Time.Advance(OAuthClientSettings.RegistrationLifetime);
        Assert.IsType<OAuthClientLookup.Unknown>(await registry.FindAsync(clientId, CancellationToken.None));
    }

    [Fact]
    public async Task The_registration_limit_is_shared_by_instances()
    {
        var settings = await TableSettingsAsync(AzuriteTables.UniquePrefix(), "1");
        await using var first = await RunningHost.StartAsync(settings);
        await using var second = await RunningHost.StartAsync(settings, time: first.Time);

        using var accepted = await RegisterAsync(first, """{"redirect_uris":["https://app.example.com/cb"]}""", forwardedFor: "198.51.100.20");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        using var limited = await RegisterAsync(second, """{"redirect_uris":["https://app.example.com/cb"]}""", forwardedFor: "198.51.100.20");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
    }
}
