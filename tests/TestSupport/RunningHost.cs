using System.Net;
using System.Net.Sockets;
using CampaignMcp.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.TestSupport;

/// <summary>The local host on a free loopback port, with settings of the test's choosing and fake time.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string Secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly WebApplication app;

    private RunningHost(WebApplication app, string baseUrl, FakeTimeProvider time, CapturedLogs logs)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Time = time;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public FakeTimeProvider Time { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Settings every test starts from: development, auth on, known key and secret.</summary>
    public static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["API_KEY"] = ApiKey,
        ["MCP_JWT_SECRET"] = Secret,
        ["MCP_AUTH_ENABLED"] = "true",
    };

    /// <param name="time">Pass another host's clock to run two hosts on one time line.</param>
    /// <param name="configureServices">Runs after the app's registrations: replace a store here to share it between hosts.</param>
    public static async Task<RunningHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        string? baseUrl = null,
        FakeTimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null)
    {
        baseUrl ??= $"http://127.0.0.1:{FreePort()}";
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        var app = Build(baseUrl, settings ?? DefaultSettings(), time, logs, configureServices);
        await app.StartAsync();
        return new RunningHost(app, baseUrl, time, logs);
    }

    public static WebApplication Build(string baseUrl, IDictionary<string, string?> settings, TimeProvider time, CapturedLogs logs, Action<IServiceCollection>? configureServices = null) =>
        LocalServer.Build(new LocalServerOptions
        {
            Url = baseUrl,
            ReadMachineSettings = false,
            Settings = new Dictionary<string, string?>(settings),
            PrintBanner = false,
            ConfigureServices = collection =>
            {
                collection.Replace(ServiceDescriptor.Singleton(time));
                collection.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
                configureServices?.Invoke(collection);
            },
        });

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
