using CampaignMcp.Hosting;
using CampaignMcp.Mcp;
using CampaignMcp.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.TestSupport;

/// <summary>The app's real service graph, in process, with fake time: for dispatcher tests without HTTP.</summary>
public sealed class McpTestServices : IDisposable
{
    private readonly ServiceProvider provider;

    public McpTestServices(bool authEnabled = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["API_KEY"] = ApiKey,
            ["MCP_JWT_SECRET"] = TestSecrets.StrongSecret,
            ["MCP_AUTH_ENABLED"] = authEnabled ? "true" : "false",
            ["MCP_PUBLIC_URL"] = "https://mcp.test",
            ["MCP_TOKEN_EXPIRY"] = "1h",
        }).Build();
        LogScanFiles.RecordSecret("API_KEY", ApiKey);
        LogScanFiles.RecordSecret("MCP_JWT_SECRET", TestSecrets.StrongSecret);
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddCampaignMcp(configuration);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        provider = services.BuildServiceProvider();
    }

    public const string ApiKey = "processor-test-api-key";

    public CapturedLogs Logs { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public McpRequestProcessor Processor => provider.GetRequiredService<McpRequestProcessor>();

    public string Token(params string[] scopes) =>
        provider.GetRequiredService<TokenIssuer>().Issue("claude", scopes.Length == 0 ? Scopes.All : scopes).AccessToken;

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public void Dispose() => provider.Dispose();
}
