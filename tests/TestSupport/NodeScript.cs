using System.Diagnostics;
using CampaignMcp.LocalHost;

namespace CampaignMcp.TestSupport;

/// <summary>Runs a script from tests/node with the machine's node, after test.sh has run npm ci there.</summary>
public static class NodeScript
{
    public static string Directory => Path.Combine(LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory)!, "tests", "node");

    /// <param name="onWaiting">Called when the script prints <c>WAITING &lt;what&gt;</c>; the script then continues on the next stdin line.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IDictionary<string, string> environment, TimeSpan timeout, Func<string, Task>? onWaiting = null)
    {
        Assert.True(System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")), "tests/node/node_modules is missing: run ./test.sh (it runs npm ci there)");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE") ?? "node", script)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = ReadOutputAsync(process, onWaiting);
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

        // A client's own output is a log too: the log scan reads it after the suite.
        LogScanFiles.Append(script, await output + await error);
        return (process.ExitCode, await output + await error);
    }

    private static async Task<string> ReadOutputAsync(Process process, Func<string, Task>? onWaiting)
    {
        var text = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            text.AppendLine(line);
            if (line.StartsWith("WAITING ", StringComparison.Ordinal))
            {
                if (onWaiting is not null)
                {
                    await onWaiting(line["WAITING ".Length..]);
                }

                await process.StandardInput.WriteLineAsync("go");
                await process.StandardInput.FlushAsync();
            }
        }

        return text.ToString();
    }
}
