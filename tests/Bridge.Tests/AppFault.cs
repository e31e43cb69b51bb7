using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignMcp.Bridge.Tests;

/// <summary>
/// Sits in front of the app's MCP work in the local host, the SignalR upstream calls (category
/// <c>messages</c>) and the Streamable HTTP endpoint, while the SignalR stand-in and the token
/// endpoints stay up: what a Function App restarting behind a live SignalR Service looks like.
/// A test can answer the next calls with a status, hold calls, or let them through.
/// </summary>
internal sealed class AppFault : IStartupFilter
{
    private readonly Lock gate = new();
    private int failStatus;
    private int failuresLeft;
    private TaskCompletionSource<bool>? hold;
    private int held;
    private int failed;

    public int Failed => Volatile.Read(ref failed);

    public void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    /// <summary>Answer the next <paramref name="count"/> app calls with <paramref name="status"/>.</summary>
    public void FailNext(int status, int count = int.MaxValue)
    {
        lock (gate)
        {
            failStatus = status;
            failuresLeft = count;
        }
    }

    public void Heal() => FailNext(0, 0);

    /// <summary>Calls from now on wait until <see cref="Release"/> or the host stops (then their connection is dropped).</summary>
    public void Hold()
    {
        lock (gate)
        {
            hold = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <param name="drop">Drop the held calls' connections, as a dying app does, instead of letting them through.</param>
    public void Release(bool drop)
    {
        lock (gate)
        {
            hold?.TrySetResult(drop);
            hold = null;
        }
    }

    public async Task WaitUntilHeldAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Volatile.Read(ref held) < count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (!IsAppWork(context.Request))
            {
                await following(context);
                return;
            }

            Task<bool>? waiting;
            int status;
            lock (gate)
            {
                waiting = hold?.Task;
                status = failuresLeft > 0 ? failStatus : 0;
                if (status != 0)
                {
                    failuresLeft--;
                }
            }

            if (waiting is not null)
            {
                Interlocked.Increment(ref held);
                var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                var drop = await Task.WhenAny(waiting, Task.Delay(Timeout.Infinite, stopping)) != waiting || await waiting;
                Interlocked.Decrement(ref held);
                if (drop)
                {
                    context.Abort();
                    return;
                }
            }

            if (status != 0)
            {
                Interlocked.Increment(ref failed);
                context.Response.StatusCode = status;
                return;
            }

            await following(context);
        });
        next(app);
    };

    private static bool IsAppWork(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/api/v1/mcp", StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments("/api/v1/mcp/signalr/upstream", StringComparison.OrdinalIgnoreCase) && request.Headers["X-ASRS-Category"] == "messages"));
}
