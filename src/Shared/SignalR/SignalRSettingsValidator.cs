using CampaignMcp.Configuration;
using Microsoft.Extensions.Options;

namespace CampaignMcp.SignalR;

/// <summary>Start-up validation of <c>AzureSignalRConnectionString</c>, naming the setting.</summary>
public sealed class SignalRSettingsValidator : IValidateOptions<SignalRSettingsSource>
{
    public ValidateOptionsResult Validate(string? name, SignalRSettingsSource options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString) || KeyVaultReference.IsUnresolved(options.ConnectionString) || SignalRServiceEndpoint.TryParse(options.ConnectionString, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SettingNames.AzureSignalRConnectionString} {error}");
}
