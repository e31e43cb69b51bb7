namespace CampaignMcp.Tokens.ApiKeys;

/// <summary>Which limit was reached and how long until its window ends.</summary>
public sealed record Lockout(string LimitedBy, TimeSpan RetryAfter)
{
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
