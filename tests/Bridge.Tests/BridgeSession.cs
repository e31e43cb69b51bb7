using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Bridge.Tests;

/// <summary>
/// The bridge as a child process, spoken to line by line as a desktop client does, with every stdout
/// line kept: so a test can count the answers to each id and see what came before them.
/// </summary>
internal sealed class BridgeSession : IAsyncDisposable
{
    private readonly Process process;
    private readonly TimeSpan hangLimit;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> answers = new();
    private readonly ConcurrentDictionary<string, int> answerCounts = new();
    private readonly Task reading;
    private readonly Task readingErrors;
    private readonly SemaphoreSlim writing = new(1, 1);

    private BridgeSession(Process process, TimeSpan requestTimeout)
    {
        this.process = process;
        // A request unanswered a little after the bridge's own deadline has been left hanging.
        hangLimit = requestTimeout + TimeSpan.FromSeconds(15);
        reading = Task.Run(ReadStdoutAsync);
        readingErrors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                LogScanFiles.Append("bridge", line);
            }
        });
    }

    public IReadOnlyList<string> Lines => [.. lines];

    public static BridgeSession Start(string serverUrl, string transport, TimeSpan requestTimeout, string? scopes = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { BridgeProcess.DllPath, "--transport", transport, "--verbose" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in BridgeProcess.Environment(serverUrl, RunningHost.ApiKey))
        {
            start.Environment.Remove(name);
            if (value is not null)
            {
                start.Environment[name] = value;
            }
        }

        if (scopes is not null)
        {
            start.Environment["MCP_SCOPES"] = scopes;
        }

        start.Environment["MCP_REQUEST_TIMEOUT"] = ((int)requestTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        LogScanFiles.RecordSecret("bridge API_KEY", RunningHost.ApiKey);
        return new BridgeSession(Process.Start(start)!, requestTimeout);
    }

    public static string Request(object id, string method, object? parameters = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters ?? new { } });

    public async Task SendAsync(string line)
    {
        await writing.WaitAsync();
        try
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>The answer to <paramref name="id"/>; fails the test if none comes within the bridge's deadline plus a margin.</summary>
    public async Task<JsonElement> AnswerAsync(object id)
    {
        var waiting = Waiter(Key(id)).Task;
        try
        {
            return await waiting.WaitAsync(hangLimit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"No answer to id {id} within {hangLimit.TotalSeconds} s: the bridge left the request hanging");
        }
    }

    public async Task<JsonElement> CallAsync(object id, string method, object? parameters = null)
    {
        await SendAsync(Request(id, method, parameters));
        return await AnswerAsync(id);
    }

    /// <summary>How many responses (results or errors) carry this id.</summary>
    public int AnswersTo(object id) => answerCounts.GetValueOrDefault(Key(id));

    private async Task ReadStdoutAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line);
            if (IsResponse(line, out var key))
            {
                answerCounts.AddOrUpdate(key, 1, (_, count) => count + 1);
                using var document = JsonDocument.Parse(line);
                Waiter(key).TrySetResult(document.RootElement.Clone());
            }
        }
    }

    private TaskCompletionSource<JsonElement> Waiter(string key) =>
        answers.GetOrAdd(key, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static bool IsResponse(string line, out string key)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        key = root.TryGetProperty("id", out var id) ? id.GetRawText() : "";
        return key.Length > 0 && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _));
    }

    private static string Key(object id) => JsonSerializer.Serialize(id);

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(hangLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        await reading;
        await readingErrors;
        process.Dispose();
        writing.Dispose();
    }
}
