using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CampaignMcp.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignMcp.Functional.Tests.Deployment;

/// <summary>
/// The worker's exporter against an Entra-only Application Insights (infra/app/monitoring.bicep sets
/// DisableLocalAuth): it must carry the identity that APPLICATIONINSIGHTS_AUTHENTICATION_STRING names, as
/// infra/app/functionapp.bicep sets it, or every export is refused.
/// </summary>
public class AzureMonitorTelemetryTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

    private static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddAzureMonitorTelemetry(configuration);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    [InlineData(" authorization = aad ; clientid = 11111111-2222-3333-4444-555555555555 ")]
    public void With_app_insights_configured_the_exporter_gets_the_managed_identity_credential(string authentication)
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            [AzureMonitorTelemetry.ConnectionStringSetting] = ConnectionString,
            [AzureMonitorTelemetry.AuthenticationStringSetting] = authentication,
        });

        var options = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
    }

    [Fact]
    public void The_deployed_authentication_string_gives_a_managed_identity_credential()
    {
        // The exact shape infra/app/functionapp.bicep writes, with the client id filled in.
        Assert.IsType<ManagedIdentityCredential>(AzureMonitorTelemetry.Credential("ClientId=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0;Authorization=AAD"));
    }

    [Fact]
    public void Without_an_authentication_string_the_exporter_uses_the_connection_string_alone()
    {
        using var provider = Build(new Dictionary<string, string?> { [AzureMonitorTelemetry.ConnectionStringSetting] = ConnectionString });
        var options = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Null(options.Credential);
    }

    [Fact]
    public void Without_app_insights_no_exporter_is_registered()
    {
        using var provider = Build(new Dictionary<string, string?> { [AzureMonitorTelemetry.AuthenticationStringSetting] = "Authorization=AAD" });
        Assert.Null(provider.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(provider.GetService<IConfigureOptions<AzureMonitorExporterOptions>>());
    }

    [Theory]
    [InlineData("Authorization=Basic")]
    [InlineData("ClientId=abc")]
    [InlineData("ClientId=;Authorization=AAD")]
    [InlineData("Authorization=AAD;Secret=hunter2")]
    public void An_authentication_string_of_another_shape_stops_start_up_naming_the_setting_without_echoing_it(string authentication)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AzureMonitorTelemetry.Credential(authentication));
        Assert.StartsWith(AzureMonitorTelemetry.AuthenticationStringSetting, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(authentication, error.Message, StringComparison.Ordinal);
    }
}
