using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CampaignMcp.Functions.Hosting;
using CampaignMcp.Hosting;
using CampaignMcp.LocalHost;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Functional.Tests.Hosting;

/// <summary>
/// What the Functions host shows of the worker. Core Tools are not installed
/// here, so the built worker runs against a stand-in for the host's gRPC endpoint: it accepts the worker's
/// event stream and nothing more, which is enough for the worker to start its hosted services.
/// </summary>
public sealed class FunctionsWorkerLoggingTests
{
    private static string RepositoryRoot => LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory)!;

    private static string WorkerPath
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(RepositoryRoot, "src", "Functions", "bin", output.Parent!.Name, output.Name, "CampaignMcp.Functions.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build src/Functions first");
            return path;
        }
    }

    /// <summary>
    /// A gRPC endpoint that takes the worker's EventStream call and keeps it open, and reads the worker's
    /// <c>RpcLog</c> messages into <paramref name="logs"/> when given.
    /// </summary>
    private static async Task<WebApplication> StartHostStandInAsync(int port, ConcurrentQueue<WorkerRpcLog>? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/AzureFunctionsRpcMessages.FunctionRpc/EventStream", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/grpc";
            await context.Response.StartAsync();
            var reader = new GrpcFrameReader();
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    foreach (var message in reader.Add(buffer.AsSpan(0, read)))
                    {
                        if (WorkerRpcLog.FromStreamingMessage(message) is { } log)
                        {
                            logs?.Enqueue(log);
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The worker went away.
            }
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Starts the built worker against a stand-in host on <paramref name="port"/>, with local.settings.example.json's values and <paramref name="settings"/>.</summary>
    private static Process StartWorker(int port, IReadOnlyDictionary<string, string?> settings, StringBuilder output, ConcurrentQueue<string>? standardError = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(WorkerPath)! };
        foreach (var argument in new[] { WorkerPath, "--functions-uri", $"http://localhost:{port}/", "--functions-worker-id", "test-worker", "--functions-request-id", "test-request", "--functions-grpc-max-message-length", "2147483647" })
        {
            start.ArgumentList.Add(argument);
        }

        // What local.settings.example.json gives: development, API_KEY and MCP_JWT_SECRET empty.
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "local.settings.example.json")));
        foreach (var setting in example.RootElement.GetProperty("Values").EnumerateObject())
        {
            start.Environment[setting.Name] = setting.Value.GetString();
        }

        start.Environment["WEBSITE_HOSTNAME"] = "localhost:7071";
        start.Environment.Remove("MCP_PUBLIC_URL");
        foreach (var (name, value) in settings)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var worker = Process.Start(start)!;
        worker.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        worker.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is not null)
            {
                standardError?.Enqueue(e.Data);
            }
        };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        return worker;
    }

    private static async Task StopAsync(Process worker)
    {
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
        worker.Dispose();
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>
    /// Production with an unresolved Key Vault reference for API_KEY and no MCP_JWT_SECRET. The host logs the
    /// worker's console by stream and words: a standard-output line as Information, a standard-error line as Warning
    /// when it holds "warn", as Error when it holds "error", "fail" or "severe" (azure-functions-host
    /// WorkerProcess.ParseErrorMessageAndLog, which <see cref="HostLevelOf"/> restates). The unresolved reference
    /// (1104) and each misconfiguration (1101) must arrive as Error; the worker's ILogger carries them to the gRPC
    /// stream (and its Azure Monitor exporter) as Error and Critical.
    /// </summary>
    [Fact]
    public async Task The_workers_misconfiguration_reaches_the_host_as_errors()
    {
        var port = RunningHost.FreePort();
        var logs = new ConcurrentQueue<WorkerRpcLog>();
        await using var standIn = await StartHostStandInAsync(port, logs);
        var output = new StringBuilder();
        var standardError = new ConcurrentQueue<string>();
        var worker = StartWorker(port, new Dictionary<string, string?>
        {
            ["NODE_ENV"] = "production",
            ["API_KEY"] = "@Microsoft.KeyVault(SecretUri=https://kv-example.vault.azure.net/secrets/api-key/)",
            ["MCP_JWT_SECRET"] = null,
        }, output, standardError);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !worker.HasExited
                && logs.Count(IsMisconfigured) < 2)
            {
                await Task.Delay(100);
            }

            await Task.Delay(500);
        }
        finally
        {
            await StopAsync(worker);
        }

        var text = Text(output);
        LogScanFiles.Append("functions-worker-production", text);
        var lines = standardError.ToArray();
        var unresolved = Assert.Single(lines, line => line.Contains("StartupReport[1104] API_KEY holds a Key Vault reference that did not resolve", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, HostLevelOf(unresolved, standardError: true));
        foreach (var setting in new[] { "API_KEY", "MCP_JWT_SECRET" })
        {
            var misconfigured = Assert.Single(lines, line => line.Contains($"StartupReport[1101] Configuration error: {setting} ", StringComparison.Ordinal));
            Assert.StartsWith("crit: ", misconfigured, StringComparison.Ordinal);
            Assert.Equal(LogLevel.Error, HostLevelOf(misconfigured, standardError: true));
        }

        // Information stays on standard output.
        Assert.Contains("info: CampaignMcp.Hosting.StartupReport[1100] Campaign MCP server", text, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => line.Contains("[1100]", StringComparison.Ordinal));

        // The worker's ILogger sends the same events over gRPC with their own level.
        var received = logs.ToArray();
        Assert.Equal(WorkerRpcLog.Error, Assert.Single(received, log => log.Message.StartsWith("API_KEY holds a Key Vault reference", StringComparison.Ordinal)).Level);
        Assert.Equal([WorkerRpcLog.Critical, WorkerRpcLog.Critical], received.Where(IsMisconfigured).Select(log => log.Level));
        Assert.DoesNotContain("vault.azure.net", text, StringComparison.Ordinal);
    }

    private static bool IsMisconfigured(WorkerRpcLog log) =>
        log.Category == typeof(StartupReport).FullName && log.Message.StartsWith("Configuration error: ", StringComparison.Ordinal);

    /// <summary>The level the Functions host gives a line of the worker's console (WorkerProcess.ParseErrorMessageAndLog).</summary>
    private static LogLevel HostLevelOf(string line, bool standardError) =>
        !standardError ? LogLevel.Information
        : line.Contains("warn", StringComparison.OrdinalIgnoreCase) ? LogLevel.Warning
        : new[] { "error", "fail", "severe", "unhandled exception" }.Any(word => line.Contains(word, StringComparison.OrdinalIgnoreCase)) ? LogLevel.Error
        : LogLevel.Information;

    [Fact]
    public async Task The_workers_start_up_report_reaches_its_standard_output_and_says_what_to_set()
    {
        var port = RunningHost.FreePort();
        await using var standIn = await StartHostStandInAsync(port);
        var output = new StringBuilder();
        var standardError = new ConcurrentQueue<string>();
        var worker = StartWorker(port, new Dictionary<string, string?>(), output, standardError);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !Text(output).Contains("[1103]", StringComparison.Ordinal) && !worker.HasExited)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            await StopAsync(worker);
        }

        var text = Text(output);
        LogScanFiles.Append("functions-worker", text);
        Assert.Contains("info: CampaignMcp.Hosting.StartupReport[1100] Campaign MCP server", text, StringComparison.Ordinal);
        Assert.Contains("starting in development; authorization on", text, StringComparison.Ordinal);
        Assert.Contains("issuer http://127.0.0.1:7071", text, StringComparison.Ordinal);
        Assert.Contains("warn: CampaignMcp.Hosting.StartupReport[1103]", text, StringComparison.Ordinal);
        Assert.Contains("secrets --format local-settings > src/Functions/local.settings.json", text, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, HostLevelOf(Assert.Single(standardError, line => line.Contains("[1103]", StringComparison.Ordinal)), standardError: true));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore.Http.Result.JsonResult")]
    [InlineData("Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult")]
    [InlineData("Microsoft.AspNetCore.Routing.EndpointMiddleware")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    public void The_workers_filters_drop_aspnetcore_request_lines_below_warning(string category)
    {
        using var host = WorkerHost();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger<StartupReport>().IsEnabled(LogLevel.Information));
    }

    /// <summary>The worker's own builder calls, as Program.cs makes them.</summary>
    private static IHost WorkerHost()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Logging.AddCampaignMcpWorkerLogging();
        return builder.Build();
    }

    [Fact]
    public void Host_json_holds_aspnetcore_at_warning_and_lets_the_workers_console_through()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "host.json")));
        var levels = hostJson.RootElement.GetProperty("logging").GetProperty("logLevel");
        Assert.Equal("Warning", levels.GetProperty("Microsoft.AspNetCore").GetString());
        Assert.Equal("Information", levels.GetProperty("Host.Function.Console").GetString());
        Assert.Equal("Information", levels.GetProperty("default").GetString());
    }
}
