using System.Diagnostics;
using CampaignMcp.LocalHost;
using CampaignMcp.TestSupport;
using ModelContextProtocol.Client;

namespace CampaignMcp.Bridge.Tests;

/// <summary>The built bridge, run as a child process with a controlled environment.</summary>
internal static class BridgeProcess
{
    public static string DllPath
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory)!;
            var path = Path.Combine(root, "src", "Bridge", "bin", output.Parent!.Name, output.Name, "campaign-mcp-bridge.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build src/Bridge first");
            return path;
        }
    }

    public static Dictionary<string, string?> Environment(string serverUrl, string apiKey) => new()
    {
        ["MCP_SERVER_URL"] = serverUrl,
        ["API_KEY"] = apiKey,
        ["MCP_CLIENT_ID"] = null,
        ["MCP_SCOPES"] = null,
    };

    /// <summary>An MCP client that launches the bridge and talks to it over stdio, as Claude Desktop does.</summary>
    public static Task<McpClient> ConnectAsync(string serverUrl, string apiKey, string transport)
    {
        LogScanFiles.RecordSecret("bridge API_KEY", apiKey);
        return McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "campaign-mcp-bridge",
            Command = "dotnet",
            Arguments = [DllPath, "--transport", transport],
            EnvironmentVariables = Environment(serverUrl, apiKey),
            // The bridge's log: the log scan reads it after the suite.
            StandardErrorLines = line => LogScanFiles.Append("bridge", line),
        }));
    }

    /// <summary>Runs the bridge to completion with the given stdin, returning its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string?> environment, string stdin = "")
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (name == "API_KEY")
            {
                LogScanFiles.RecordSecret("bridge API_KEY", value);
            }

            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        LogScanFiles.Append("bridge", await stderr);
        return (process.ExitCode, await stdout, await stderr);
    }
}
