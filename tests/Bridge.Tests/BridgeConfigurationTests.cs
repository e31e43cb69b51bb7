using CampaignMcp.TestSupport;

namespace CampaignMcp.Bridge.Tests;

/// <summary>Every wrong setting gives one line on stderr and a non-zero exit before anything waits on the bridge.</summary>
public class BridgeConfigurationTests
{
    public static TheoryData<string[], string?, string?, string> LocalMistakes() => new()
    {
        { [], null, "key", "MCP_SERVER_URL is not set" },
        { [], "not a url", "key", "MCP_SERVER_URL 'not a url' is not an http(s) URL" },
        { [], "ftp://example.com", "key", "is not an http(s) URL" },
        { [], "http://127.0.0.1:9", null, "API_KEY is not set" },
        { ["--transport", "websocket"], "http://127.0.0.1:9", "key", "--transport must be signalr or http" },
        { ["--api-key", "x"], "http://127.0.0.1:9", "key", "not on the command line" },
        { ["--bogus"], "http://127.0.0.1:9", "key", "Unknown argument '--bogus'" },
        { ["--client-id"], "http://127.0.0.1:9", "key", "--client-id needs a value" },
    };

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("ten")]
    [InlineData("-5")]
    public async Task A_request_timeout_out_of_range_exits_2_naming_the_variable(string value)
    {
        var environment = new Dictionary<string, string?> { ["MCP_SERVER_URL"] = "http://127.0.0.1:9", ["API_KEY"] = "key", ["MCP_REQUEST_TIMEOUT"] = value };
        var (exitCode, stdout, stderr) = await BridgeProcess.RunAsync([], environment);
        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Contains($"MCP_REQUEST_TIMEOUT '{value}' must be a whole number of seconds from 1 to 3600", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LocalMistakes))]
    public async Task A_bad_setting_exits_2_with_one_line(string[] arguments, string? serverUrl, string? apiKey, string message)
    {
        var environment = new Dictionary<string, string?> { ["MCP_SERVER_URL"] = serverUrl, ["API_KEY"] = apiKey };
        var (exitCode, stdout, stderr) = await BridgeProcess.RunAsync(arguments, environment);
        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("campaign-mcp-bridge: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-key", null, null, "Invalid API key")]
    [InlineData(RunningHost.ApiKey, "mallory", null, "Client 'mallory' is not allowed")]
    [InlineData(RunningHost.ApiKey, null, "campaigns:read admin", "Unknown scope: admin")]
    public async Task Credentials_the_server_refuses_exit_3_with_its_reason(string apiKey, string? clientId, string? scopes, string message)
    {
        await using var host = await RunningHost.StartAsync();
        var environment = BridgeProcess.Environment(host.BaseUrl, apiKey);
        environment["MCP_CLIENT_ID"] = clientId;
        environment["MCP_SCOPES"] = scopes;
        var (exitCode, stdout, stderr) = await BridgeProcess.RunAsync([], environment);
        Assert.Equal(3, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_prints_every_client_with_the_key_kept_out_where_the_client_allows()
    {
        var (exitCode, stdout, _) = await BridgeProcess.RunAsync(["config", "--server-url", "https://contoso-mcp.azurewebsites.net"], new Dictionary<string, string?> { ["API_KEY"] = "super-secret-key" });
        Assert.Equal(0, exitCode);
        foreach (var expected in new[] { "Claude Desktop", "Cursor", "VS Code", "Continue", "https://contoso-mcp.azurewebsites.net", "${env:API_KEY}", "${input:campaign-mcp-api-key}", "${{ secrets.CAMPAIGN_MCP_API_KEY }}" })
        {
            Assert.Contains(expected, stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("super-secret-key", stdout, StringComparison.Ordinal);
    }
}
