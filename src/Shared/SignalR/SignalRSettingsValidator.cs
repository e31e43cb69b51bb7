using Microsoft.Extensions.Options;

namespace CampaignMcp.SignalR;

/// <summary>Start-up validation of <c>AzureSignalRConnectionString</c> (or its identity-based parts) and the upstream token settings, naming the setting.</summary>
public sealed class SignalRSettingsValidator : IValidateOptions<SignalRSettingsSource>
{
    public ValidateOptionsResult Validate(string? name, SignalRSettingsSource options) =>
        SignalRSettings.TryResolve(options, out _, out var error) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
}
