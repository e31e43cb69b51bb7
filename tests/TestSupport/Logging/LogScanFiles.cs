using System.Text;

namespace CampaignMcp.TestSupport;

/// <summary>
/// What test.sh's log scan reads (tests/node/scan-logs.mjs): every log line written by a test host, the
/// bridge or the CLI, and every secret in force while it was written, appended to files under
/// <c>CAMPAIGN_MCP_TEST_LOG_DIR</c>, one <c>.log</c> and one <c>.secrets</c> file per test process.
/// When the variable is unset (a plain <c>dotnet test</c>) nothing is written.
/// </summary>
public static class LogScanFiles
{
    public const string DirectoryVariable = "CAMPAIGN_MCP_TEST_LOG_DIR";

    private static readonly Lock Gate = new();
    private static readonly HashSet<string> RecordedSecrets = new(StringComparer.Ordinal);
    private static StreamWriter? log;
    private static StreamWriter? secrets;
    private static bool opened;

    /// <summary>One log entry; an entry spanning lines (an exception) is written as those lines.</summary>
    public static void Append(string source, string entry)
    {
        lock (Gate)
        {
            if (Open() is { } writer)
            {
                writer.Write(source);
                writer.Write(": ");
                writer.WriteLine(entry);
            }
        }
    }

    /// <summary>
    /// A secret that no log line may contain. Stored base64-encoded, so that the manifest itself never
    /// holds the value as written and one value is recorded once however many hosts use it.
    /// </summary>
    public static void RecordSecret(string kind, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (Gate)
        {
            if (Open() is not null && RecordedSecrets.Add(value))
            {
                secrets!.WriteLine($"{kind}\t{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}");
            }
        }
    }

    /// <summary>One line per fuzz run in <c>fuzz-summary.txt</c>, which test.sh prints: `dotnet test` shows no output of passing tests at minimal verbosity.</summary>
    public static void AppendFuzzSummary(string line)
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } directory)
        {
            lock (Gate)
            {
                Directory.CreateDirectory(directory);
                File.AppendAllText(Path.Combine(directory, "fuzz-summary.txt"), line + Environment.NewLine);
            }
        }
    }

    private static StreamWriter? Open()
    {
        if (!opened)
        {
            opened = true;
            if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
                var name = $"{TestProjectName()}-{Environment.ProcessId}";
                log = Create(Path.Combine(directory, name + ".log"));
                secrets = Create(Path.Combine(directory, name + ".secrets"));
            }
        }

        return log;
    }

    private static StreamWriter Create(string path) =>
        // Flushed per write: a test process may be ended without running finalizers.
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };

    /// <summary><c>tests/Functions.Tests/bin/Release/net10.0/</c> gives <c>Functions.Tests</c>.</summary>
    private static string TestProjectName()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return output.Parent?.Parent?.Parent?.Name ?? "tests";
    }
}
