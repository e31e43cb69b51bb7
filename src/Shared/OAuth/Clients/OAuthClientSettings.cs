using CampaignMcp.Configuration;

namespace CampaignMcp.OAuth.Clients;

/// <summary>How OAuth clients are resolved: the metadata-document fetch's address policy and the registration limit.</summary>
public sealed class OAuthClientSettings : ISettingsArea
{
    public const int DefaultRegistrationLimit = 20;
    public static readonly TimeSpan RegistrationWindow = TimeSpan.FromHours(1);

    /// <summary>A registration lives this long from its issue (stored with it so that a purge can delete it later).</summary>
    public static readonly TimeSpan RegistrationLifetime = TimeSpan.FromDays(90);

    /// <summary>True only in development: metadata documents may then be served from private and loopback addresses.</summary>
    public required bool AllowPrivateClientMetadata { get; init; }

    /// <summary>Registrations per caller address in <see cref="RegistrationWindow"/>; 0 when the limit is off.</summary>
    public required int RegistrationLimit { get; init; }

    public IReadOnlyList<ConfigurationIssue> Issues => [];

    public required IReadOnlyList<string> Warnings { get; init; }

    public static OAuthClientSettings Read(SettingsReader reader, DeploymentSettings deployment)
    {
        var allowPrivate = reader.Flag(SettingNames.OAuthAllowPrivateClientMetadata, fallback: false);
        if (allowPrivate && deployment.IsProduction)
        {
            // A start-up error, not a warning: in production it would let anyone make the server fetch internal URLs (SSRF).
            reader.Problem(SettingNames.OAuthAllowPrivateClientMetadata, "must not be true in production: it lets client metadata fetches reach private and loopback addresses");
            allowPrivate = false;
        }

        var limit = reader.Count(SettingNames.OAuthRegistrationLimit, DefaultRegistrationLimit, 0, 100_000, "must be a whole number from 0 (off) to 100000");
        return new OAuthClientSettings
        {
            AllowPrivateClientMetadata = allowPrivate,
            RegistrationLimit = limit,
            Warnings = deployment.IsProduction && limit == 0
                ? [$"the client registration limit is off in production because {SettingNames.OAuthRegistrationLimit} is 0"]
                : [],
        };
    }
}
