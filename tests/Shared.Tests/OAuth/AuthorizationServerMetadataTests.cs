using System.Text.Json;
using CampaignMcp.OAuth;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Tests.OAuth;

public class AuthorizationServerMetadataTests
{
    private static async Task<JsonElement> MetadataAsync(params (string Name, string? Value)[] values)
    {
        var settings = TestSettings.Read([("MCP_PUBLIC_URL", "https://mcp.example.com"), .. values]);
        var endpoint = new AuthorizationServerMetadataEndpoint(settings.Deployment, settings.Tokens, settings.Refresh);
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await (await endpoint.HandleAsync(context)).ExecuteAsync(context);

        Assert.Equal("public, max-age=3600", context.Response.Headers.CacheControl.ToString());
        return JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray()).RootElement.Clone();
    }

    [Fact]
    public async Task The_issuer_and_endpoints_are_the_public_url_s_and_match_the_tokens_issuer()
    {
        var metadata = await MetadataAsync();

        Assert.Equal("https://mcp.example.com", metadata.GetProperty("issuer").GetString());
        Assert.Equal("https://mcp.example.com/api/v1/mcp/oauth/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://mcp.example.com/api/v1/mcp/oauth/revoke", metadata.GetProperty("revocation_endpoint").GetString());
    }

    [Theory]
    [InlineData("true", new[] { "authorization_code", "client_credentials", "refresh_token" })]
    [InlineData("false", new[] { "authorization_code", "client_credentials" })]
    public async Task Grant_types_follow_the_refresh_setting(string refreshEnabled, string[] expected)
    {
        var metadata = await MetadataAsync(("MCP_REFRESH_TOKENS_ENABLED", refreshEnabled));

        Assert.Equal(expected, metadata.GetProperty("grant_types_supported").EnumerateArray().Select(grant => grant.GetString()).Order(StringComparer.Ordinal));
    }
}
