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

    /// <summary>A gRPC endpoint that takes the worker's EventStream call and keeps it open.</summary>
    private static async Task<WebApplication> StartHostStandInAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/AzureFunctionsRpcMessages.FunctionRpc/EventStream", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/grpc";
            await context.Response.StartAsync();
            var buffer = new byte[8192];
            try
            {
                while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
                {
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

    [Fact]
    public async Task The_workers_start_up_report_reaches_its_standard_output_and_says_what_to_set()
    {
        var port = RunningHost.FreePort();
        await using var standIn = await StartHostStandInAsync(port);
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
        var output = new StringBuilder();
        using var worker = Process.Start(start)!;
        worker.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        worker.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        try
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !Text().Contains("[1103]", StringComparison.Ordinal) && !worker.HasExited)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }

        var text = Text();
        LogScanFiles.Append("functions-worker", text);
        Assert.Contains("info: CampaignMcp.Hosting.StartupReport[1100] Campaign MCP server", text, StringComparison.Ordinal);
        Assert.Contains("starting in development; authorization on", text, StringComparison.Ordinal);
        Assert.Contains("issuer http://127.0.0.1:7071", text, StringComparison.Ordinal);
        Assert.Contains("warn: CampaignMcp.Hosting.StartupReport[1103]", text, StringComparison.Ordinal);
        Assert.Contains("secrets --format local-settings > src/Functions/local.settings.json", text, StringComparison.Ordinal);

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
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
