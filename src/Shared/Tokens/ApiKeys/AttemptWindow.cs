namespace CampaignMcp.Tokens.ApiKeys;

/// <summary>A window that began at <paramref name="Start"/> and has seen <paramref name="Failures"/> failures.</summary>
public sealed record AttemptWindow(DateTimeOffset Start, int Failures);
