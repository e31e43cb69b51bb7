using CampaignMcp.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CampaignMcp.Functions.Hosting;

/// <summary>
/// The worker's log filters and where its start-up report goes. ASP.NET Core writes lines per request at
/// Information ("Setting HTTP status code", "Writing value of type", "Executing endpoint"), which the host
/// printed for every call; Warning and above still pass. The worker has no console logger of its own: its
/// logs travel to the host over gRPC, and the start-up report (<see cref="StartupReport"/>, events
/// 1100-1104), written before any invocation, would not show in the host's log. So that
/// report, and only it, also goes to the worker's standard output, which the host logs line by line under
/// <c>Host.Function.Console</c> (azure-functions-host WorkerConstants.FunctionConsoleLogCategoryName).
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
        logging.AddFilter<ConsoleLoggerProvider>((category, level) => level >= LogLevel.Information && category is not null && ConsoleCategories.Contains(category));
        return logging;
    }
}
