namespace CampaignMcp.Configuration;

/// <summary>Where the app runs: production or development, and the public URL it is reached at.</summary>
public sealed class DeploymentSettings
{
    public const string DefaultLocalBaseUrl = "http://127.0.0.1:7071";

    public required DeploymentEnvironment Environment { get; init; }

    /// <summary><c>MCP_PUBLIC_URL</c>, else <c>https://</c> + the platform's <c>WEBSITE_HOSTNAME</c>, else the local default.</summary>
    public required string PublicBaseUrl { get; init; }

    public bool IsProduction => Environment == DeploymentEnvironment.Production;

    public static DeploymentSettings Read(SettingsReader reader)
    {
        var environment = EnvironmentDetector.Detect(
            reader.Text(SettingNames.NodeEnv),
            reader.Text(SettingNames.WebsiteSiteName),
            reader.Text(SettingNames.AzureFunctionsEnvironment));
        return new DeploymentSettings
        {
            Environment = environment,
            PublicBaseUrl = reader.BaseUrl(SettingNames.PublicUrl) ?? PlatformBaseUrl(reader.Text(SettingNames.WebsiteHostname)) ?? DefaultLocalBaseUrl,
        };
    }

    private static string? PlatformBaseUrl(string? websiteHostname)
    {
        if (websiteHostname is null)
        {
            return null;
        }

        var host = websiteHostname.Trim();
        if (host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase))
        {
            // func start sets WEBSITE_HOSTNAME=localhost:<port>; the local host serves 127.0.0.1:<port>. One
            // name for both, so that a token of one is good on the other (issuer and audience compare exactly).
            host = "127.0.0.1" + host["localhost".Length..];
        }

        return (host.StartsWith("127.", StringComparison.Ordinal) ? "http://" : "https://") + host;
    }
}
