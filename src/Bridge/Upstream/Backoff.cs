namespace CampaignMcp.Bridge.Upstream;

/// <summary>Exponential backoff with full jitter (0.5 s doubling to 30 s), so that many bridges do not reconnect in step.</summary>
public static class Backoff
{
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(30);

    public static TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(Maximum.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(attempt, 10)));
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
#pragma warning restore CA5394
    }
}
