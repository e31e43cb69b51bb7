using Microsoft.Extensions.Options;

namespace CampaignMcp.Hosting;

/// <summary>Start-up validation: a value the app cannot understand stops it, naming the variable (never the value).</summary>
public sealed class CampaignMcpSettingsValidator(CampaignMcpSettings settings) : IValidateOptions<CampaignMcpSettingsValidator.Check>
{
    public ValidateOptionsResult Validate(string? name, Check options) =>
        settings.Errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(settings.Errors.Select(error => error.Message));

    /// <summary>The options type that <c>ValidateOnStart</c> validates; it carries nothing.</summary>
    public sealed class Check;
}
