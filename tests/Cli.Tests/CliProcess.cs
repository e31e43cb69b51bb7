using System.Diagnostics;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Cli.Tests;

/// <summary>The built <c>campaign-mcp</c>, run as a child process as a user runs it.</summary>
internal static class CliProcess
{
    private static string DllPath => Path.Combine(AppContext.BaseDirectory, "campaign-mcp.dll");

    /// <summary>Runs the CLI to completion against Azurite's tables with the given prefix.</summary>
    public static Task<(int Exit, string Output, string Error)> RunAsync(string prefix, params string[] arguments) =>
        RunAsync(prefix, new Dictionary<string, string>(), arguments);

    /// <param name="environment">More environment variables for the process, e.g. runtime GC settings.</param>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string prefix, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MCP_STORAGE_CONNECTION"] = await AzuriteTables.ConnectionStringAsync();
        start.Environment["MCP_STORAGE_TABLE_PREFIX"] = prefix;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        LogScanFiles.Append("cli", await error);
        return (process.ExitCode, await output, await error);
    }
}
