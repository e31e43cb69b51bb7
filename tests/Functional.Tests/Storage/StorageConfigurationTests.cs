using CampaignMcp.Storage;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.Functional.Tests.Storage;

public class StorageConfigurationTests
{
    private static Dictionary<string, string?> With(params (string Name, string Value)[] values)
    {
        var settings = RunningHost.DefaultSettings();
        foreach (var (name, value) in values)
        {
            settings[name] = value;
        }

        return settings;
    }

    [Theory]
    [InlineData("MCP_STORE", "cosmos", "", "MCP_STORE must be 'embedded' or 'table'")]
    [InlineData("MCP_STORE", "table", "", "MCP_STORE is 'table' but no storage connection is set: set MCP_STORAGE_CONNECTION")]
    [InlineData("MCP_STORAGE_CONNECTION", "AccountName=x;AccountKey=not-base64!", "", "MCP_STORAGE_CONNECTION is not a storage connection string")]
    [InlineData("MCP_STORAGE_CONNECTION__tableServiceUri", "table.example", "table", "MCP_STORAGE_CONNECTION__tableServiceUri must be an absolute URL")]
    [InlineData("MCP_STORAGE_CONNECTION__accountName", "Bad_Name", "table", "MCP_STORAGE_CONNECTION__accountName must be a storage account name")]
    [InlineData("AzureWebJobsStorage__credential", "password", "table", "AzureWebJobsStorage__credential must be 'managedidentity'")]
    [InlineData("MCP_STORAGE_TABLE_PREFIX", "9-lives", "", "MCP_STORAGE_TABLE_PREFIX must be 1 to 40 letters or digits")]
    public async Task An_unusable_storage_setting_stops_start_up_naming_the_variable(string name, string value, string store, string message)
    {
        var settings = With((name, value));
        if (store.Length > 0)
        {
            settings["MCP_STORE"] = store;
            settings.TryAdd("AzureWebJobsStorage__accountName", "fallbackaccount");
        }

        await using var app = RunningHost.Build($"http://127.0.0.1:{RunningHost.FreePort()}", settings, new FakeTimeProvider(), new CapturedLogs());
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-base64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MCP_STORAGE_CONNECTION", "UseDevelopmentStorage=true", "127.0.0.1:10002", "MCP_STORAGE_CONNECTION", false)]
    [InlineData("MCP_STORAGE_CONNECTION__tableServiceUri", "https://acct.table.core.windows.net", "acct.table.core.windows.net", "MCP_STORAGE_CONNECTION__tableServiceUri", true)]
    [InlineData("MCP_STORAGE_CONNECTION:accountName", "acct", "acct.table.core.windows.net", "MCP_STORAGE_CONNECTION__accountName", true)]
    [InlineData("AzureWebJobsStorage__accountName", "hostacct", "hostacct.table.core.windows.net", "AzureWebJobsStorage__accountName", true)]
    [InlineData("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=hostacct;AccountKey=a2V5;EndpointSuffix=core.windows.net", "hostacct.table.core.windows.net", "AzureWebJobsStorage", false)]
    public async Task Table_storage_is_reached_through_the_dedicated_connection_or_the_host_storage(string name, string value, string host, string source, bool identity)
    {
        var settings = With(("MCP_STORE", "table"), (name, value));
        await using var app = RunningHost.Build($"http://127.0.0.1:{RunningHost.FreePort()}", settings, new FakeTimeProvider(), new CapturedLogs());
        var storage = app.Services.GetRequiredService<StorageSettings>();
        Assert.True(storage.UsesTables);
        Assert.Equal(host, storage.Connection!.EndpointHost);
        Assert.Equal(source, storage.Connection.SettingName);
        Assert.Equal(identity, storage.Connection.UsesIdentity);
    }

    [Fact]
    public async Task The_dedicated_connection_wins_over_the_host_storage()
    {
        var settings = With(("MCP_STORE", "table"), ("AzureWebJobsStorage__accountName", "hostacct"), ("MCP_STORAGE_CONNECTION__tableServiceUri", "https://appacct.table.core.windows.net"), ("MCP_STORAGE_CONNECTION__credential", "managedidentity"), ("MCP_STORAGE_CONNECTION__clientId", "00000000-0000-0000-0000-000000000001"));
        await using var app = RunningHost.Build($"http://127.0.0.1:{RunningHost.FreePort()}", settings, new FakeTimeProvider(), new CapturedLogs());
        var connection = app.Services.GetRequiredService<StorageSettings>().Connection!;
        Assert.Equal("appacct.table.core.windows.net", connection.EndpointHost);
        Assert.Equal(("managedidentity", "00000000-0000-0000-0000-000000000001"), (connection.Credential, connection.ClientId));
    }

    [Fact]
    public async Task Embedded_is_the_default_and_health_says_so()
    {
        await using var host = await RunningHost.StartAsync();
        var storage = (await Json.ReadAsync(await host.Client.GetAsync("/api/v1/mcp/health"))).GetProperty("storage");
        Assert.Equal("embedded", storage.GetProperty("store").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, storage.GetProperty("endpoint").ValueKind);
        Assert.True(storage.GetProperty("reachable").GetBoolean());
        Assert.Contains(host.Logs.Lines, line => line.Contains("Stores: embedded", StringComparison.Ordinal));
    }
}
