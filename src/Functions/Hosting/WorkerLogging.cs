using CampaignMcp.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CampaignMcp.Functions.Hosting;

/// <summary>
/// The worker's log filters and where its start-up report goes. ASP.NET Core writes lines per request at
/// Information ("Setting HTTP status code", "Writing value of type", "Executing endpoint"), which the host
/// printed for every call; Warning and above still pass. The worker's logs travel to the host over gRPC, but the
/// host keeps a user log only while its invocation runs (azure-functions-host GrpcWorkerChannel.Log), and the
/// start-up report (<see cref="StartupReport"/>, events 1100-1104) is written before any invocation. So that
/// report, and only it, also goes to the worker's console, which the host logs line by line under
/// <c>Host.Function.Console</c> (WorkerConstants.FunctionConsoleLogCategoryName). A standard-output line the host
/// logs as Information; a standard-error line as Warning when it holds "warn", as Error when it holds "error",
/// "fail" or "severe", else as Information (WorkerProcess.ParseErrorMessageAndLog). So Warning and above go to
/// standard error: <c>warn:</c> lines arrive as Warning, <c>fail:</c> lines (1104) and the Critical 1101, whose
/// text says "Configuration error", as Error, the highest level the host gives a console line, so an Azure alert
/// on errors fires. The worker's Azure Monitor exporter (<see cref="Telemetry.AzureMonitorTelemetry"/>) sends the
/// same ILogger lines to Application Insights with their own level.
/// https://learn.microsoft.com/azure/azure-functions/dotnet-isolated-process-guide#logging
/// </summary>
public static class WorkerLogging
{
    /// <summary>Categories held to Warning in the worker.</summary>
    public static readonly IReadOnlyList<string> QuietCategories = ["Microsoft.AspNetCore", "Microsoft.Hosting.Lifetime"];

    /// <summary>The categories the worker writes to its standard output.</summary>
    public static readonly IReadOnlyList<string> ConsoleCategories = [typeof(StartupReport).FullName!];

    public static ILoggingBuilder AddCampaignMcpWorkerLogging(this ILoggingBuilder logging)
    {
        foreach (var category in QuietCategories)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.ColorBehavior = LoggerColorBehavior.Disabled;
            options.TimestampFormat = null;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Warning);
        logging.AddFilter<ConsoleLoggerProvider>((category, level) => level >= LogLevel.Information && category is not null && ConsoleCategories.Contains(category));
        return logging;
    }
}
