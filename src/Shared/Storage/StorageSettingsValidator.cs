using Microsoft.Extensions.Options;

namespace CampaignMcp.Storage;

/// <summary>Start-up validation of the storage settings: an unusable one stops the app, naming the variable.</summary>
public sealed class StorageSettingsValidator : IValidateOptions<StorageSettingsSource>
{
    public ValidateOptionsResult Validate(string? name, StorageSettingsSource options)
    {
        var errors = StorageSettings.FindStartupErrors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(error => error.Message));
    }
}
