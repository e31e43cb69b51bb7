using System.Diagnostics;
using CampaignMcp.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CampaignMcp.Benchmarks;

/// <summary>--probe: times the library on one repeated token versus distinct tokens (is there a cache inside?).</summary>
public static class Probe
{
    public static async Task RunAsync()
    {
        using var services = BenchmarkServices.Build();
        var validator = services.GetRequiredService<AccessTokenValidator>();
        var parameters = validator.Parameters!;
        var handler = new JsonWebTokenHandler();
        var tokens = Enumerable.Range(0, 20_000).Select(_ => BenchmarkServices.Token(services)).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var token in tokens)
            {
                await handler.ValidateTokenAsync(token, parameters);
            }

            var distinct = watch.Elapsed.TotalNanoseconds / tokens.Length;
            watch.Restart();
            for (var i = 0; i < tokens.Length; i++)
            {
                await handler.ValidateTokenAsync(tokens[0], parameters);
            }

            var same = watch.Elapsed.TotalNanoseconds / tokens.Length;
            watch.Restart();
            foreach (var token in tokens)
            {
                await validator.ValidateAsync(token);
            }

            var app = watch.Elapsed.TotalNanoseconds / tokens.Length;
            Console.WriteLine($"library distinct tokens: {distinct:0} ns/op; one repeated token: {same:0} ns/op; app validator, distinct: {app:0} ns/op");
        }
    }
}
