using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignMcp.Campaigns;
using CampaignMcp.Functional.Tests.SignalR;
using CampaignMcp.Functional.Tests.Tokens;
using CampaignMcp.Storage;
using CampaignMcp.Tables;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens.Refresh;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace CampaignMcp.Functional.Tests.Storage;

/// <summary>
/// The app on MCP_STORE=table with an Azurite of its own, stopped and restarted under it. Azurite keeps its
/// data on disk in a temporary folder for this test: with in-memory persistence a restart would lose every
/// row, and re-seeding would hide exactly what the test checks (no refresh family lost or duplicated).
/// </summary>
public sealed class TableStorageFaultTests : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("azurite-fault-").FullName;
    private readonly string prefix = AzuriteTables.UniquePrefix();
    private readonly int port = RunningHost.FreePort();
    private AzuriteProcess azurite = null!;
    private RunningHost host = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync(port, dataDirectory);
        var storage = await TestTableStorage.CreateAsync(prefix, azurite.ConnectionString);
        await new TableCampaignWriter(storage).UpsertAsync([.. SampleCampaigns.Generate()], null, 4, CancellationToken.None);

        var settings = RunningHost.DefaultSettings();
        settings["MCP_STORE"] = "table";
        settings["MCP_STORAGE_CONNECTION"] = azurite.ConnectionString;
        settings["MCP_STORAGE_TABLE_PREFIX"] = prefix;
        host = await RunningHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        azurite.Dispose();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private async Task<McpClient> ConnectAsync(string token) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(host.BaseUrl + "/api/v1/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }));

    private async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync()
    {
        host.Time.Advance(TimeSpan.FromSeconds(6)); // past the probe's cache
        using var response = await host.Client.GetAsync("/api/v1/mcp/health");
        return (response.StatusCode, await Json.ReadAsync(response));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RawToolCallAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mcp")
        {
            Content = Json.Body("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_campaign","arguments":{"id":"cmp-0042"}}}"""),
        };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, await Json.ReadAsync(response));
    }

    [Fact]
    public async Task Storage_going_away_gives_documented_errors_and_coming_back_needs_no_restart()
    {
        var token = await TestTokens.GetAsync(host);
        await using var client = await ConnectAsync(token);
        await using var hub = await McpHubClient.ConnectAsync(host.BaseUrl, token);
        var families = host.Services.GetRequiredService<IRefreshTokenStore>();

        // Up: tools answer from the table, health names the store and its host, a family is created and rotated.
        var page = await client.CallToolAsync("list_campaigns", new Dictionary<string, object?> { ["limit"] = 5 });
        Assert.NotEqual(true, page.IsError);
        Assert.Equal(SampleCampaigns.DefaultCount, page.StructuredContent!.Value.GetProperty("total_matched").GetInt32());
        var (status, health) = await HealthAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("table", health.GetProperty("storage").GetProperty("store").GetString());
        Assert.Equal($"127.0.0.1:{port}", health.GetProperty("storage").GetProperty("endpoint").GetString());
        Assert.True(health.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.DoesNotContain(AzuriteTables.AccountKey, health.GetRawText(), StringComparison.Ordinal);

        var family = new RefreshFamily
        {
            FamilyId = Guid.NewGuid().ToString("N"),
            ClientId = "claude",
            Scope = "tools:call",
            CurrentTokenHash = "h1",
            Generation = 1,
            CreatedAt = host.Time.GetUtcNow(),
            ExpiresAt = host.Time.GetUtcNow().AddDays(30),
        };
        await families.CreateAsync(family, CancellationToken.None);
        var rotated = await families.TryRotateAsync((await families.FindAsync(family.FamilyId, "h1", CancellationToken.None))!.Family, "h2", "tools:call", family.ExpiresAt, host.Time.GetUtcNow(), CancellationToken.None);
        Assert.NotNull(rotated);

        // A client holding a refresh token from the token endpoint, whose family lives in the table.
        var (_, refreshToken) = await TokenLifecycleClient.IssuePairAsync(host);

        // Down.
        await azurite.StopAsync();
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("get_campaign", new Dictionary<string, object?> { ["id"] = "cmp-0042" }).AsTask());
        Assert.Equal(-32010, (int)error.ErrorCode);
        Assert.Contains("Storage unavailable", error.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "a dead store must fail a call within seconds");

        var (rawStatus, raw) = await RawToolCallAsync(token);
        Assert.Equal(HttpStatusCode.OK, rawStatus);
        Assert.Equal(-32010, raw.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(5, raw.GetProperty("error").GetProperty("data").GetProperty("retry_after_seconds").GetInt32());
        Assert.DoesNotContain("AccountKey", raw.GetRawText(), StringComparison.Ordinal);

        var overSignalR = await hub.CallToolAsync("list_campaigns", new { limit = 3 });
        Assert.Equal(-32010, overSignalR.GetProperty("error").GetProperty("code").GetInt32());
        var resources = await Assert.ThrowsAsync<McpProtocolException>(() => client.ListResourcesAsync().AsTask());
        Assert.Equal(-32010, (int)resources.ErrorCode);

        (status, health) = await HealthAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.False(health.GetProperty("storage").GetProperty("reachable").GetBoolean());

        // HTTP endpoints whose work touches storage answer 503 with Retry-After: the token endpoint (refresh
        // family) and refresh. The right key touches no attempt counter, so a client_credentials grant (no refresh
        // token) still works; a wrong one must be counted and gets 503 in the OAuth envelope.
        using (var issue = await TokenLifecycleClient.IssueAsync(host))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, issue.StatusCode);
            Assert.Equal("5", issue.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("STORAGE_UNAVAILABLE", await TokenLifecycleClient.ErrorCodeAsync(issue));
        }

        using (var refreshDuringOutage = await TokenLifecycleClient.RefreshAsync(host, refreshToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refreshDuringOutage.StatusCode);
            Assert.NotNull(refreshDuringOutage.Headers.RetryAfter);
        }

        using (var clientCredentials = await TokenLifecycleClient.OAuthAsync(host, "/api/v1/mcp/oauth/token", [new("grant_type", "client_credentials")], basic: ("claude", RunningHost.ApiKey)))
        {
            Assert.Equal(HttpStatusCode.OK, clientCredentials.StatusCode);
        }

        using (var oauth = await TokenLifecycleClient.OAuthAsync(host, "/api/v1/mcp/oauth/token", [new("grant_type", "client_credentials")], basic: ("claude", "wrong-key-0123456789abcdef")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, oauth.StatusCode);
            Assert.Equal("temporarily_unavailable", (await Json.ReadAsync(oauth)).GetProperty("error").GetString());
        }

        await Assert.ThrowsAsync<StorageUnavailableException>(() => families.TryRotateAsync(rotated, "h3", "tools:call", family.ExpiresAt, host.Time.GetUtcNow(), CancellationToken.None));

        // Back on the same port with the same data: everything answers again, without restarting the app.
        azurite = await AzuriteProcess.StartAsync(port, dataDirectory);
        page = await client.CallToolAsync("get_campaign", new Dictionary<string, object?> { ["id"] = "cmp-0042" });
        Assert.True(page.IsError != true, string.Join(" ", page.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(t => t.Text)));
        Assert.Equal("cmp-0042", page.StructuredContent!.Value.GetProperty("campaign").GetProperty("id").GetString());
        Assert.Equal(3, (await hub.CallToolAsync("list_campaigns", new { limit = 3 })).GetProperty("result").GetProperty("structuredContent").GetProperty("returned").GetInt32());
        (status, health) = await HealthAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", health.GetProperty("status").GetString());

        // The refresh token that failed during the outage still works: nothing was half-written.
        using (var refreshAfter = await TokenLifecycleClient.RefreshAsync(host, refreshToken))
        {
            Assert.Equal(HttpStatusCode.OK, refreshAfter.StatusCode);
        }

        // The family is exactly as the last successful rotation left it, and rotates on.
        var lookup = await families.FindAsync(family.FamilyId, "h2", CancellationToken.None);
        Assert.Equal(RefreshTokenMatch.Current, lookup!.Match);
        Assert.Equal(rotated, lookup.Family);
        Assert.Equal(RefreshTokenMatch.Previous, (await families.FindAsync(family.FamilyId, "h1", CancellationToken.None))!.Match);
        Assert.Equal(3, (await families.TryRotateAsync(lookup.Family, "h3", "tools:call", family.ExpiresAt, host.Time.GetUtcNow(), CancellationToken.None))!.Generation);
        var storage = host.Services.GetRequiredService<TableStorage>();
        var rows = await storage.QueryAsync(storage.RefreshFamilies, TableClient.CreateQueryFilter($"PartitionKey eq {family.FamilyId}"), null, CancellationToken.None).ToListAsync();
        Assert.Equal(["family", "s:", "s:"], rows.Select(r => r.RowKey.StartsWith("s:", StringComparison.Ordinal) ? "s:" : r.RowKey).Order());
    }
}
