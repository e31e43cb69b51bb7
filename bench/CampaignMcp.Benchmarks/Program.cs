using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using CampaignMcp.Benchmarks;

// --emit-token <file>: writes a token, its secret, issuer and audience for the Node peer comparison.
if (args is ["--emit-token", var path])
{
    using var services = BenchmarkServices.Build();
    var settings = (CampaignMcp.Tokens.TokenSettings)services.GetService(typeof(CampaignMcp.Tokens.TokenSettings))!;
    await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(new
    {
        token = BenchmarkServices.Token(services),
        secret = BenchmarkServices.Secret,
        issuer = settings.Issuer,
        audience = settings.Audience,
    }));
    return 0;
}

if (args is ["--probe"])
{
    await Probe.RunAsync();
    return 0;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(12).WithLaunchCount(1).AsDefault())
    .AddExporter(JsonExporter.Full)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(PerInvocationBenchmarks).Assembly).Run(args, config);
return 0;
