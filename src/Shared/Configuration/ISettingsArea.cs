namespace CampaignMcp.Configuration;

/// <summary>
/// One area's settings as they bear on whether the app may serve: <see cref="Issues"/> (a missing or weak
/// credential) make the protected endpoints answer 503 and health say <c>misconfigured</c>, so that a
/// deployment never serves open because a secret was forgotten; <see cref="Warnings"/> deserve an operator's eye.
/// </summary>
public interface ISettingsArea
{
    IReadOnlyList<ConfigurationIssue> Issues { get; }

    IReadOnlyList<string> Warnings { get; }
}
