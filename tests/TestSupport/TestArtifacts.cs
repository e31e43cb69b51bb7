namespace CampaignMcp.TestSupport;

/// <summary>
/// Where tests leave files worth looking at (screenshots): <c>CAMPAIGN_MCP_TEST_ARTIFACTS</c> when set (test.sh sets
/// tests/artifacts), else an <c>artifacts</c> folder beside the test assembly.
/// </summary>
public static class TestArtifacts
{
    public static string Directory
    {
        get
        {
            var directory = Environment.GetEnvironmentVariable("CAMPAIGN_MCP_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "artifacts");
            System.IO.Directory.CreateDirectory(directory);
            return directory;
        }
    }
}
