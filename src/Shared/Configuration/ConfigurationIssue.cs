namespace CampaignMcp.Configuration;

/// <summary>A problem with one setting, phrased so that an operator knows what to change.</summary>
public sealed record ConfigurationIssue(string Setting, string Problem)
{
    public string Message => $"{Setting} {Problem}";

    public override string ToString() => Message;
}
