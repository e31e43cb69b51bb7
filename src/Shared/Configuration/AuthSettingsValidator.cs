using Microsoft.Extensions.Options;

namespace CampaignMcp.Configuration;

/// <summary>Start-up validation: a value the app cannot understand stops it, naming the variable.</summary>
public sealed class AuthSettingsValidator : IValidateOptions<AuthSettingsSource>
{
    public ValidateOptionsResult Validate(string? name, AuthSettingsSource options)
    {
        var errors = AuthSettings.FindStartupErrors(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(error => error.Message));
    }
}
