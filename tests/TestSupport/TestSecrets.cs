namespace CampaignMcp.TestSupport;

/// <summary>A signing secret that passes the strength check, for tests that need one that is not generated.</summary>
public static class TestSecrets
{
    public const string StrongSecret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
}
