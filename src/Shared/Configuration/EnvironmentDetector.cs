namespace CampaignMcp.Configuration;

/// <summary>
/// Decides production versus development. Production wins whenever either signal says so:
/// <c>NODE_ENV=production</c>, or running on the Azure platform (<c>WEBSITE_SITE_NAME</c> is set)
/// without <c>AZURE_FUNCTIONS_ENVIRONMENT=Development</c>. A deployment is therefore secure even
/// when <c>NODE_ENV</c> was forgotten, and a local run is never production by accident.
/// </summary>
public static class EnvironmentDetector
{
    public static DeploymentEnvironment Detect(string? nodeEnv, string? websiteSiteName, string? azureFunctionsEnvironment)
    {
        if (string.Equals(nodeEnv?.Trim(), "production", StringComparison.OrdinalIgnoreCase))
        {
            return DeploymentEnvironment.Production;
        }

        var runsInAzure = !string.IsNullOrWhiteSpace(websiteSiteName);
        var markedDevelopment = string.Equals(azureFunctionsEnvironment?.Trim(), "Development", StringComparison.OrdinalIgnoreCase);
        return runsInAzure && !markedDevelopment ? DeploymentEnvironment.Production : DeploymentEnvironment.Development;
    }
}
