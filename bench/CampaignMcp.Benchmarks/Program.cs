using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using CampaignMcp.Benchmarks;

// --emit-fixture <dir>: what the peers need to serve and check the same thing as this server (bench/run.sh):
// token.json (a token, its secret, issuer and audience), campaigns.json (the embedded data set in the store's default
// order, as the tools serialize it), tools.json (the tools/list result) and the cursor fingerprint of that order.
if (args is ["--emit-fixture", var directory])
{
    await Fixture.WriteAsync(directory);
    return 0;
}

if (args is ["--probe", .. var probeOut])
{
    await Probe.RunAsync(probeOut.FirstOrDefault());
    return 0;
}

// RUN_QUICK=1 (bench/run.sh's smoke mode): one pass of each benchmark, to prove the harness, not to measure.
var job = Environment.GetEnvironmentVariable("RUN_QUICK") == "1" ? Job.Dry : Job.Default.WithWarmupCount(3).WithIterationCount(12).WithLaunchCount(1);
var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddExporter(JsonExporter.Full)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator)
    // The generated project builds slowly on a busy 2-core machine; the default 2 minutes is not always enough.
    .WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(PerInvocationBenchmarks).Assembly).Run(args, config);
return 0;
