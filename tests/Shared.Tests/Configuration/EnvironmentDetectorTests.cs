using CampaignMcp.Configuration;

namespace CampaignMcp.Tests.Configuration;

public class EnvironmentDetectorTests
{
    [Theory]
    // NODE_ENV, WEBSITE_SITE_NAME, AZURE_FUNCTIONS_ENVIRONMENT, expected
    [InlineData(null, null, null, DeploymentEnvironment.Development)]
    [InlineData("development", null, null, DeploymentEnvironment.Development)]
    [InlineData("production", null, null, DeploymentEnvironment.Production)]
    [InlineData("PRODUCTION", null, null, DeploymentEnvironment.Production)]
    [InlineData(" production ", null, null, DeploymentEnvironment.Production)]
    [InlineData("test", null, null, DeploymentEnvironment.Development)]
    [InlineData(null, "my-app", null, DeploymentEnvironment.Production)]
    [InlineData(null, "my-app", "Production", DeploymentEnvironment.Production)]
    [InlineData(null, "my-app", "Development", DeploymentEnvironment.Development)]
    [InlineData("development", "my-app", null, DeploymentEnvironment.Production)]
    [InlineData("development", "my-app", "Development", DeploymentEnvironment.Development)]
    [InlineData("production", "my-app", "Development", DeploymentEnvironment.Production)]
    [InlineData("production", null, "Development", DeploymentEnvironment.Production)]
    [InlineData(null, null, "Production", DeploymentEnvironment.Development)]
    [InlineData(null, "  ", null, DeploymentEnvironment.Development)]
    public void Production_wins_when_either_signal_says_so(string? nodeEnv, string? siteName, string? functionsEnvironment, DeploymentEnvironment expected)
    {
        Assert.Equal(expected, EnvironmentDetector.Detect(nodeEnv, siteName, functionsEnvironment));
    }
}
