using CampaignMcp.LocalHost.SignalRService;
using CampaignMcp.SignalR;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignMcp.Functional.Tests.SignalR;

/// <summary>
/// The production credential, Azure.Identity's <c>ManagedIdentityCredential</c>, against the local Entra stand-in
/// through the App Service variables the Functions platform sets (<c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c>).
/// https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference
/// </summary>
[Collection(ProcessEnvironmentGroup.Name)]
public sealed class ManagedIdentityCredentialTests
{
    [Fact]
    public async Task Azure_identitys_managed_identity_credential_gets_the_key_and_a_real_client_runs_a_tool()
    {
        await using var host = await RunningHost.StartAsync(SignalREntraTests.EntraSettings(), configureServices: services =>
            services.Replace(ServiceDescriptor.Singleton<ISignalRCredentialFactory, AzureIdentityCredentialFactory>()));
        var entra = host.Services.GetRequiredService<LocalEntra>();
        var endpoint = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT");
        var header = Environment.GetEnvironmentVariable("IDENTITY_HEADER");
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", entra.TokenUrl.AbsoluteUri);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", entra.IdentityHeader);
        try
        {
            await using var client = await McpHubClient.ConnectAsync(host.BaseUrl, await TestTokens.GetAsync(host));
            var reply = await client.CallToolAsync("get_campaign", new { id = "cmp-0001" });
            Assert.Equal("cmp-0001", reply.GetProperty("result").GetProperty("structuredContent").GetProperty("campaign").GetProperty("id").GetString());
            Assert.Single(host.Logs.Lines, line => line.Contains("Obtained SignalR access key", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", endpoint);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", header);
        }
    }
}
