using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.OAuth.Clients;
using CampaignMcp.SignIn;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Refresh;
using Microsoft.Extensions.Configuration;

namespace CampaignMcp.Hosting;

/// <summary>
/// The app's settings areas, read in one pass in which each variable is read once. <see cref="Errors"/> are
/// values the app cannot understand: start-up stops on them, naming the variable.
/// </summary>
public sealed class CampaignMcpSettings
{
    public required DeploymentSettings Deployment { get; init; }
    public required TokenSettings Tokens { get; init; }
    public required RefreshSettings Refresh { get; init; }
    public required LockoutSettings Lockout { get; init; }
    public required CorsSettings Cors { get; init; }
    public required ClientAddressSettings ClientAddress { get; init; }
    public required OAuthClientSettings OAuthClients { get; init; }
    public required IdentityProviderSettings IdentityProvider { get; init; }
    public required IReadOnlyList<ConfigurationIssue> Errors { get; init; }

    /// <summary>The credential issues and warnings of every area, in the order they are reported.</summary>
    public required ServiceReadiness Readiness { get; init; }

    public static CampaignMcpSettings Read(IConfiguration configuration) => Read(new SettingsReader(configuration));

    public static CampaignMcpSettings Read(SettingsReader reader)
    {
        var deployment = DeploymentSettings.Read(reader);
        var tokens = TokenSettings.Read(reader, deployment);
        var lockout = LockoutSettings.Read(reader, deployment);
        var cors = CorsSettings.Read(reader);
        var oauthClients = OAuthClientSettings.Read(reader, deployment);
        var identityProvider = IdentityProviderSettings.Read(reader, deployment);
        return new CampaignMcpSettings
        {
            Deployment = deployment,
            Tokens = tokens,
            Refresh = RefreshSettings.Read(reader),
            Lockout = lockout,
            Cors = cors,
            ClientAddress = ClientAddressSettings.Read(reader),
            OAuthClients = oauthClients,
            IdentityProvider = identityProvider,
            Errors = reader.Errors,
            Readiness = new ServiceReadiness([tokens, cors, lockout, oauthClients, identityProvider]),
        };
    }
}
