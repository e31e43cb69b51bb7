using System.Diagnostics;
using CampaignMcp.LocalHost;

namespace CampaignMcp.Functions.Tests.Infrastructure;

/// <summary>Runs a script from tests/node with the machine's node, after test.sh has run npm ci there.</summary>
internal static class NodeScript
{
    public static string Directory => Path.Combine(LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory)!, "tests", "node");

    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IDictionary<string, string> environment, TimeSpan timeout)
    {
        Assert.True(System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")), "tests/node/node_modules is missing: run ./test.sh (it runs npm ci there)");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE") ?? "node", script)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {timeout}: {await output}{await error}");
        }

        return (process.ExitCode, await output + await error);
    }
}
