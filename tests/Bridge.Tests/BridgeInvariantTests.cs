using System.Text.Json;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Bridge.Tests;

/// <summary>
/// The bridge's invariant, through the local host with the bridge as a child process: every request
/// written to stdin gets exactly one response on stdout (the server's, or a JSON-RPC error naming the
/// cause) within the deadline, whatever the app, the SignalR service or the load do; server messages
/// come before the response they belong to.
/// </summary>
[Collection(nameof(BridgeInvariantTests))] // heavy: one at a time
public class BridgeInvariantTests
{
    private static object GetCampaign(string id) => new { name = "get_campaign", arguments = new { id } };

    private static void AssertCampaign(JsonElement answer, string id)
    {
        Assert.True(answer.TryGetProperty("result", out var result), $"expected a result, got {answer}");
        Assert.Equal(id, result.GetProperty("structuredContent").GetProperty("campaign").GetProperty("id").GetString());
    }

    private static async Task<(RunningHost Host, AppFault Fault, BridgeSession Bridge)> StartAsync(
        string transport, Dictionary<string, string?>? settings = null, TimeSpan? requestTimeout = null, string? scopes = null)
    {
        var fault = new AppFault();
        var host = await RunningHost.StartAsync(settings ?? RunningHost.DefaultSettings(), configureServices: fault.Register);
        var bridge = BridgeSession.Start(host.BaseUrl, transport, requestTimeout ?? TimeSpan.FromSeconds(30), scopes);
        Assert.True((await bridge.CallAsync("warm-up", "ping")).TryGetProperty("result", out _));
        return (host, fault, bridge);
    }

    /// <summary>
    /// The SignalR stand-in, like ASP.NET Core SignalR, runs one invocation per connection at a time: the
    /// app sees the first call held and the others wait in the service, in flight all the same.
    /// </summary>
    private static int HeldAtOnce(string transport, int sent) => transport == "http" ? sent : 1;

    private static string CampaignId(int id) => $"cmp-{id:0000}";

    /// <summary>Holds the app's work, then sends calls 1..count and waits until the app holds them.</summary>
    private static async Task SendHeldCallsAsync(string transport, AppFault fault, BridgeSession bridge, int count)
    {
        fault.Hold();
        for (var id = 1; id <= count; id++)
        {
            await bridge.SendAsync(BridgeSession.Request(id, "tools/call", GetCampaign(CampaignId(id))));
        }

        await fault.WaitUntilHeldAsync(HeldAtOnce(transport, count));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public static TheoryData<string, int> TransportsAndStatuses()
    {
        var data = new TheoryData<string, int>();
        foreach (var transport in new[] { "signalr", "http" })
        {
            foreach (var status in new[] { 400, 404, 413, 429, 500, 502, 503 })
            {
                data.Add(transport, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TransportsAndStatuses))]
    public async Task An_app_error_of_any_status_gets_one_answer_and_the_next_request_goes_through(string transport, int status)
    {
        var (host, fault, bridge) = await StartAsync(transport);
        await using (host)
        await using (bridge)
        {
            var transient = status is 429 or >= 500;
            // Through SignalR the service turns these into error completions: "Invocation failed, status code N".
            fault.FailNext(status, transient ? 3 : 1);
            var answer = await bridge.CallAsync(1, "tools/call", GetCampaign("cmp-0001"));
            if (transient)
            {
                AssertCampaign(answer, "cmp-0001"); // retried until the app answered
            }
            else
            {
                var message = answer.GetProperty("error").GetProperty("message").GetString()!;
                Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
                Assert.DoesNotContain("did not answer", message, StringComparison.Ordinal);
            }

            Assert.True((await bridge.CallAsync(2, "ping")).TryGetProperty("result", out _));
            Assert.Equal(1, bridge.AnswersTo(1));
            Assert.Equal(1, bridge.AnswersTo(2));
        }
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task A_json_rpc_error_the_server_answers_with_reaches_the_client_as_it_is(string transport)
    {
        var (host, _, bridge) = await StartAsync(transport, scopes: "campaigns:read tools:call");
        await using (host)
        await using (bridge)
        {
            // Over HTTP this comes with 403 and a Bearer challenge; its code and data are the server's word.
            var error = (await bridge.CallAsync(1, "tools/call", new { name = "export_campaigns", arguments = new { max_rows = 3 } })).GetProperty("error");
            Assert.Equal(-32004, error.GetProperty("code").GetInt32());
            Assert.Equal("campaigns:export", error.GetProperty("data").GetProperty("required")[0].GetString());
            Assert.Equal(1, bridge.AnswersTo(1));
        }
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task Twenty_oversized_requests_are_refused_and_a_ping_after_them_is_answered(string transport)
    {
        var (host, _, bridge) = await StartAsync(transport);
        await using (host)
        await using (bridge)
        {
            var big = new string('x', 1_100_000); // over the server's 1 MiB
            for (var id = 1; id <= 20; id++)
            {
                await bridge.SendAsync(BridgeSession.Request(id, "tools/call", GetCampaign(big)));
            }

            // Answered with its result, not with the deadline's error: nothing was left stuck.
            Assert.True((await bridge.CallAsync(21, "ping")).TryGetProperty("result", out _));
            for (var id = 1; id <= 20; id++)
            {
                var message = (await bridge.AnswerAsync(id)).GetProperty("error").GetProperty("message").GetString()!;
                Assert.Contains("413", message, StringComparison.Ordinal);
                Assert.Equal(1, bridge.AnswersTo(id));
            }
        }
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task Requests_in_flight_when_the_app_restarts_behind_a_live_service_get_the_apps_answers(string transport)
    {
        var (host, fault, bridge) = await StartAsync(transport);
        await using (host)
        await using (bridge)
        {
            await SendHeldCallsAsync(transport, fault, bridge, 5);
            // The app dies under the calls, then answers 503 while it starts again.
            fault.FailNext(503);
            fault.Release(drop: true);
            await WaitUntilAsync(() => fault.Failed >= 5);
            fault.Heal();
            for (var id = 1; id <= 5; id++)
            {
                AssertCampaign(await bridge.AnswerAsync(id), CampaignId(id));
                Assert.Equal(1, bridge.AnswersTo(id));
            }
        }
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task Requests_in_flight_when_the_whole_server_restarts_get_answers_from_the_new_one(string transport)
    {
        var (host, fault, bridge) = await StartAsync(transport);
        var baseUrl = host.BaseUrl;
        await using (bridge)
        {
            await SendHeldCallsAsync(transport, fault, bridge, 3);
            await host.DisposeAsync(); // the service goes too: the client connection drops
            host = await RunningHost.StartAsync(RunningHost.DefaultSettings(), baseUrl);
            await using (host)
            {
                for (var id = 1; id <= 3; id++)
                {
                    AssertCampaign(await bridge.AnswerAsync(id), CampaignId(id));
                    Assert.Equal(1, bridge.AnswersTo(id));
                }
            }
        }
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task A_token_that_expires_while_calls_are_in_flight_is_renewed_once_and_every_call_succeeds(string transport)
    {
        var settings = RunningHost.DefaultSettings();
        settings["MCP_TOKEN_EXPIRY"] = "1m";
        var (host, fault, bridge) = await StartAsync(transport, settings);
        await using (host)
        await using (bridge)
        {
            await SendHeldCallsAsync(transport, fault, bridge, 10);
            host.Time.Advance(TimeSpan.FromMinutes(2)); // expired by the server's clock when the calls reach it
            fault.Release(drop: false);
            for (var id = 1; id <= 10; id++)
            {
                AssertCampaign(await bridge.AnswerAsync(id), CampaignId(id));
                Assert.Equal(1, bridge.AnswersTo(id));
            }

            var issued = host.Logs.Lines.Where(line => line.Contains("[1003]", StringComparison.Ordinal)).ToList();
            Assert.Single(issued, line => line.Contains("(api_key)", StringComparison.Ordinal));
            Assert.Single(issued, line => line.Contains("(refresh_token)", StringComparison.Ordinal)); // ten refusals, one renewal
        }
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task A_burst_of_a_thousand_requests_gets_every_id_answered_exactly_once(string transport)
    {
        // A deadline that leaves room for the whole burst: the stand-in runs one invocation per connection at a time.
        var (host, _, bridge) = await StartAsync(transport, requestTimeout: TimeSpan.FromSeconds(180));
        await using (host)
        await using (bridge)
        {
            const int Count = 1000;
            var burst = string.Join('\n', Enumerable.Range(1, Count).Select(id => BridgeSession.Request(id, id % 2 == 0 ? "ping" : "tools/list")));
            await bridge.SendAsync(burst);
            for (var id = 1; id <= Count; id++)
            {
                Assert.True((await bridge.AnswerAsync(id)).TryGetProperty("result", out _), $"id {id} was answered with an error");
            }

            Assert.All(Enumerable.Range(1, Count), id => Assert.Equal(1, bridge.AnswersTo(id)));
        }
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("http")]
    public async Task Progress_notifications_are_written_before_the_response_they_belong_to(string transport)
    {
        var (host, _, bridge) = await StartAsync(transport);
        await using (host)
        await using (bridge)
        {
            var answer = await bridge.CallAsync(1, "tools/call", new { name = "export_campaigns", arguments = new { max_rows = 3 }, _meta = new { progressToken = "export-1" } });
            Assert.True(answer.TryGetProperty("result", out _));
            var lines = bridge.Lines.ToList();
            var response = lines.FindIndex(line => line.Contains("\"id\":1", StringComparison.Ordinal) && line.Contains("\"result\"", StringComparison.Ordinal));
            var progress = lines.Select((line, index) => (line, index)).Where(entry => entry.line.Contains("notifications/progress", StringComparison.Ordinal) && entry.line.Contains("export-1", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(progress);
            Assert.All(progress, entry => Assert.True(entry.index < response, "a progress notification came after its response"));
        }
    }
}
