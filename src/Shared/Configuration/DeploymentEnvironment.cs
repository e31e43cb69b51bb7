namespace CampaignMcp.Configuration;

public enum DeploymentEnvironment
{
    Development,
    Production,
}
