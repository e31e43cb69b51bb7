namespace CampaignMcp.TestSupport;

/// <summary>A signing secret that passes the strength check, for tests that need one that is not generated.</summary>
public static class TestSecrets
{
    /// <summary>What <c>campaign-mcp secrets</c> makes: 32 hex digits, 128 bits, the least production accepts.</summary>
    public const string StrongApiKey = "3f9c1a7e52b84d06e8a1c4f7b29d3e65";

    public const string StrongSecret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
}
