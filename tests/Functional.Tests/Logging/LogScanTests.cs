using System.Text;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.Logging;

/// <summary>
/// tests/node/scan-logs.mjs, which test.sh runs over every log line of the suite, on planted files: it
/// must catch a recorded secret and a whole JWT, name file, line and kind without printing the value,
/// and refuse to pass on an empty capture.
/// </summary>
public sealed class LogScanTests : IDisposable
{
    private const string PlantedKey = "planted-api-key-5f1d2c9e8b7a";
    private const string PlantedToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbGF1ZGUifQ.c2lnbmF0dXJlLW9mLWEtcGxhbnRlZC10b2tlbg";
    private readonly string directory = Directory.CreateTempSubdirectory("log-scan-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void Plant(params string[] lines)
    {
        File.WriteAllText(Path.Combine(directory, "host-1.secrets"), $"API_KEY\t{Convert.ToBase64String(Encoding.UTF8.GetBytes(PlantedKey))}\nMCP_JWT_SECRET\t{Convert.ToBase64String("short"u8)}\n");
        File.WriteAllLines(Path.Combine(directory, "host-1.log"), lines);
    }

    private Task<(int ExitCode, string Output)> ScanAsync() =>
        NodeScript.RunAsync($"scan-logs.mjs {directory}", new Dictionary<string, string>(), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_planted_secret_and_a_planted_token_are_found_by_file_line_and_kind_without_the_value()
    {
        Plant(
            "host: Information CampaignMcp.Tokens.TokenEndpoint[1003] Token issued",
            $"host: Warning CampaignMcp.Auth[1001] refused key {PlantedKey} from 127.0.0.1",
            "bridge: got a token",
            $"bridge: Authorization: Bearer {PlantedToken}");

        var (exitCode, output) = await ScanAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("host-1.log:2: contains the API_KEY", output, StringComparison.Ordinal);
        Assert.Contains("host-1.log:4: contains a whole JWT", output, StringComparison.Ordinal);
        Assert.Contains("log scan: 4 lines in 1 files, 2 secrets found", output, StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedToken, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_logs_pass_and_short_fixture_values_are_not_taken_for_secrets()
    {
        Plant("host: Critical MCP_JWT_SECRET is too short", "host: token eyJhbGciOiJIUzI1NiJ9 header only");

        var (exitCode, output) = await ScanAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("log scan: 2 lines in 1 files, 0 secrets found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_capture_fails_instead_of_passing_vacuously()
    {
        var (exitCode, output) = await ScanAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("nothing to scan", output, StringComparison.Ordinal);
    }
}
