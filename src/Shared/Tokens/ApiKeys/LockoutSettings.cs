using CampaignMcp.Configuration;

namespace CampaignMcp.Tokens.ApiKeys;

/// <summary>The failed API-key attempt limit: how many wrong keys within which window before 429.</summary>
public sealed class LockoutSettings : ISettingsArea
{
    public const int DefaultMaxFailures = 10;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaximumWindow = TimeSpan.FromDays(1);

    /// <summary>0 when the limit is off.</summary>
    public required int MaxFailures { get; init; }

    public required TimeSpan Window { get; init; }

    public IReadOnlyList<ConfigurationIssue> Issues => [];

    public required IReadOnlyList<string> Warnings { get; init; }

    public static LockoutSettings Read(SettingsReader reader, DeploymentSettings deployment)
    {
        var maxFailures = reader.Count(SettingNames.LockoutMaxFailures, DefaultMaxFailures, 0, 100_000, "must be a whole number from 0 (off) to 100000");
        return new LockoutSettings
        {
            MaxFailures = maxFailures,
            Window = reader.Duration(SettingNames.LockoutWindow, DefaultWindow, MinimumWindow, MaximumWindow),
            Warnings = deployment.IsProduction && maxFailures == 0
                ? [$"the failed API-key attempt limit is off in production because {SettingNames.LockoutMaxFailures} is 0"]
                : [],
        };
    }
}
