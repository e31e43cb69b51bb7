using System.Net.Sockets;
using System.Text;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests.Http;

/// <summary>
/// A body trickled slower than Kestrel's MinRequestBodyDataRate is the caller's doing: 408
/// in the surface's own error shape and one warning, never a 500 with an error-level stack trace.
/// </summary>
public sealed class SlowRequestBodyTests
{
    [Theory]
    [InlineData("/api/v1/mcp/auth/token", "\"code\":\"REQUEST_TIMEOUT\"")]
    [InlineData("/api/v1/mcp", "\"jsonrpc\":\"2.0\"")]
    public async Task A_body_slower_than_the_minimum_data_rate_gets_408_and_one_warning(string path, string errorShape)
    {
        // Kestrel's default grace is 5 s at 240 bytes/s; 2 s (its heartbeat is 1 s) keeps the test short.
        await using var host = await RunningHost.StartAsync(configureServices: services =>
            services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(2))));
        var server = new Uri(host.BaseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nX-API-Key: {RunningHost.ApiKey}\r\nAccept: application/json, text/event-stream\r\nContent-Length: 4000\r\n\r\n{{"));

        var response = ReadResponseAsync(stream);
        // Kestrel measures the rate on the wall clock (its heartbeat), so this trickle has to be real time:
        // one byte every 250 ms, until the server answers or 20 s pass.
        for (var sent = 0; sent < 80 && !response.IsCompleted; sent++)
        {
            await Task.WhenAny(response, Task.Delay(TimeSpan.FromMilliseconds(250)));
            if (!response.IsCompleted)
            {
                await stream.WriteAsync(" "u8.ToArray());
            }
        }

        var text = await response.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("HTTP/1.1 408 ", text, StringComparison.Ordinal);
        Assert.Contains(errorShape, text, StringComparison.Ordinal);
        Assert.Single(host.Logs.Lines, line => line.StartsWith("Warning CampaignMcp.Http.HttpEndpointPipeline[1202]", StringComparison.Ordinal) && line.Contains("answered 408", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var headerEnd = text.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd >= 0 && text.ToString().IndexOf('}', headerEnd) >= 0)
            {
                break;
            }
        }

        return text.ToString();
    }
}
