using CampaignMcp.Health;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.Health;

public class HealthEndpointTests
{
    [Fact]
    public async Task A_configured_app_on_the_embedded_store_is_healthy_and_reports_names_never_secrets()
    {
        using var services = new McpTestServices();

        var report = await services.Get<HealthEndpoint>().BuildAsync();

        Assert.Equal(HealthEndpoint.Healthy, report.Status);
        Assert.True(report.Auth.Configured);
        Assert.Empty(report.Auth.Issues);
        Assert.Equal("https://mcp.test/api/v1/mcp", report.Auth.Audience);
        Assert.True(report.Storage.Reachable);
        Assert.DoesNotContain(McpTestServices.ApiKey, System.Text.Json.JsonSerializer.Serialize(report), StringComparison.Ordinal);
    }
}
