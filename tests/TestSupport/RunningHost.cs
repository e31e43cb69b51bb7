using System.Net;
using System.Net.Sockets;
using CampaignMcp.Configuration;
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
    public const string ApiKey = "test-api-key-Vb8nQ2rX7kM4pL9wZ3tJ";
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

    /// <summary>The key the SignalR message handler requires (<c>MCP_LOCAL_FUNCTION_KEY</c>, generated when not set).</summary>
    public string FunctionKey => app.Configuration[SettingNames.LocalFunctionKey]!;

    /// <summary>Settings every test starts from: development, auth on, known key and secret.</summary>
    public static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["API_KEY"] = ApiKey,
        ["MCP_JWT_SECRET"] = Secret,
        ["MCP_AUTH_ENABLED"] = "true",
    };

    /// <summary>
    /// <see cref="DefaultSettings"/> behind a trusted proxy (<c>MCP_CLIENT_IP_HEADER=X-Forwarded-For</c>), so that a
    /// test can act as many callers by sending that header. Without it the header is ignored.
    /// </summary>
    public static Dictionary<string, string?> BehindProxySettings()
    {
        var settings = DefaultSettings();
        settings["MCP_CLIENT_IP_HEADER"] = "X-Forwarded-For";
        return settings;
    }

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

    public static WebApplication Build(string baseUrl, IDictionary<string, string?> settings, TimeProvider time, CapturedLogs logs, Action<IServiceCollection>? configureServices = null)
    {
        RecordSecrets(settings);
        var app = LocalServer.Build(new LocalServerOptions
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

        // The local host makes a fresh SignalR AccessKey when none is configured: that one is a secret too.
        RecordSecrets(new Dictionary<string, string?>
        {
            [SettingNames.AzureSignalRConnectionString] = app.Configuration[SettingNames.AzureSignalRConnectionString],
            [SettingNames.LocalFunctionKey] = app.Configuration[SettingNames.LocalFunctionKey],
        });
        return app;
    }

    /// <summary>Every secret-like setting in force, for the log scan: keys, secrets, and the keys inside connection strings.</summary>
    private static void RecordSecrets(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (name, value) in settings)
        {
            if (value is null)
            {
                continue;
            }

            if (name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || value.Contains("Key=", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var part in value.Split(';', StringSplitOptions.TrimEntries))
                {
                    var pair = part.Split('=', 2);
                    if (pair.Length == 2 && (pair[0].EndsWith("Key", StringComparison.OrdinalIgnoreCase) || pair[0].EndsWith("Secret", StringComparison.OrdinalIgnoreCase)))
                    {
                        LogScanFiles.RecordSecret($"{name} {pair[0]}", pair[1]);
                    }
                }
            }
            else if (name.Contains("KEY", StringComparison.OrdinalIgnoreCase) || name.Contains("SECRET", StringComparison.OrdinalIgnoreCase) || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase))
            {
                LogScanFiles.RecordSecret(name, value);
            }
        }
    }

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
