using System.Diagnostics;
using System.Globalization;

namespace CampaignMcp.StorageBenchmarks;

/// <summary>Samples of one operation, in milliseconds, and their percentiles (nearest rank).</summary>
public sealed class Timings(string name)
{
    private readonly List<double> samples = [];

    public string Name => name;

    public int Count => samples.Count;

    public async Task<T> MeasureAsync<T>(Func<Task<T>> operation)
    {
        var clock = Stopwatch.StartNew();
        var result = await operation();
        samples.Add(clock.Elapsed.TotalMilliseconds);
        return result;
    }

    public void Add(Timings other) => samples.AddRange(other.samples);

    public double Percentile(double p)
    {
        var ordered = samples.Order().ToList();
        return ordered.Count == 0 ? double.NaN : ordered[Math.Clamp((int)Math.Ceiling(p / 100 * ordered.Count) - 1, 0, ordered.Count - 1)];
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture, $"| {name} | {Count} | {Percentile(50):0.0} | {Percentile(95):0.0} | {samples.Max():0.0} |");
}
