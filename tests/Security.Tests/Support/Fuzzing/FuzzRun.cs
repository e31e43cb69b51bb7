using System.Diagnostics;
using System.Globalization;
using CampaignMcp.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>
/// Runs a property over generated inputs and prints one line: target, cases, failures, seconds and seed.
/// Every case comes from its own seed drawn from the run's seed, so <c>FUZZ_SEED=&lt;seed&gt;</c> replays a run
/// case for case; <c>FUZZ_SCALE=10</c> runs ten times the cases for a longer campaign. Cases are not
/// shrunk: a failure prints the input that broke the property.
/// </summary>
public static class FuzzRun
{
    public const string SeedVariable = "FUZZ_SEED";
    public const string ScaleVariable = "FUZZ_SCALE";
    private const int FailuresShown = 3;
    private const uint Stream = 0x5EED;

    public static Task RunAsync<T>(string target, Gen<T> inputs, int cases, Action<T> property, ITestOutputHelper output) =>
        RunAsync(target, inputs, cases, input =>
        {
            property(input);
            return Task.CompletedTask;
        }, output);

    public static async Task RunAsync<T>(string target, Gen<T> inputs, int cases, Func<T, Task> property, ITestOutputHelper output)
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { } fixedSeed && ulong.TryParse(fixedSeed, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (ulong)Random.Shared.NextInt64();
        if (Environment.GetEnvironmentVariable(ScaleVariable) is { } scale && int.TryParse(scale, CultureInfo.InvariantCulture, out var factor) && factor > 0)
        {
            cases *= factor;
        }

        var seeds = new PCG(Stream, seed);
        var failures = 0;
        var shown = new List<string>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var input = inputs.Generate(new PCG(Stream, seeds.Next64()), null, out _);
            try
            {
                await property(input);
            }
#pragma warning disable CA1031 // Every failure of the property is counted and shown, not only the first.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures++;
                var kind = Kind(exception);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                if (shown.Count < FailuresShown && kinds[kind] == 1)
                {
                    shown.Add($"case {i}: input {Describe(input)}{Environment.NewLine}{exception}");
                }
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"fuzz {target}: {cases} cases, {failures} failures, {clock.Elapsed.TotalSeconds:0.0} s, seed {seed}");
        output.WriteLine(summary);
        // Also on the console (`dotnet test` shows it from verbosity normal), and for test.sh, which prints every run's line.
        Console.WriteLine(summary);
        LogScanFiles.AppendFuzzSummary(summary);
        var byKind = string.Join(Environment.NewLine, kinds.OrderByDescending(pair => pair.Value).Select(pair => $"  {pair.Value} x {pair.Key}"));
        Assert.True(failures == 0, $"{summary} (replay with {SeedVariable}={seed}){Environment.NewLine}{byKind}{Environment.NewLine}{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, shown)}");
    }

    /// <summary>Failures grouped by exception type, the first line of its message and the innermost frame of this repository's code.</summary>
    private static string Kind(Exception exception)
    {
        var message = exception.Message.Split('\n')[0];
        var frame = exception.StackTrace?.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Contains("CampaignMcp.", StringComparison.Ordinal)) ?? "";
        return $"{exception.GetType().Name}: {(message.Length > 160 ? message[..160] : message)} {(frame.Length > 200 ? frame[..200] : frame)}";
    }

    /// <summary>An input as a reader can reproduce it: bytes in hex, text JSON-escaped, both cut at 2,000 characters.</summary>
    public static string Describe(object? input)
    {
        var text = input switch
        {
            byte[] bytes when System.Text.Unicode.Utf8.IsValid(bytes) => "utf-8 " + System.Text.Json.JsonSerializer.Serialize(System.Text.Encoding.UTF8.GetString(bytes)),
            byte[] bytes => "hex " + Convert.ToHexString(bytes),
            System.Runtime.CompilerServices.ITuple items => "(" + string.Join(", ", Enumerable.Range(0, items.Length).Select(i => Describe(items[i]))) + ")",
            string value => System.Text.Json.JsonSerializer.Serialize(value),
            _ => input?.ToString() ?? "null",
        };
        return text.Length > 2000 ? text[..2000] + "…" : text;
    }
}
