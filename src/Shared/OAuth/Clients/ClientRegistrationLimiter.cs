using CampaignMcp.Http;
using CampaignMcp.Tokens.ApiKeys;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// At most <see cref="OAuthClientSettings.RegistrationLimit"/> registrations per caller address (an IPv6 /64 counts
/// as one, <see cref="ClientAddress.LimitKey"/>) in a fixed window of <see cref="OAuthClientSettings.RegistrationWindow"/>,
/// counted in the failed-attempt store's windows so that every instance shares them (RFC 7591 §5 leaves abuse to the server).
/// </summary>
public sealed class ClientRegistrationLimiter(OAuthClientSettings settings, IFailedAttemptStore windows, TimeProvider time)
{
    /// <summary>How long the caller must wait, or null when this registration counts and may go ahead.</summary>
    public async Task<TimeSpan?> TryCountAsync(string remoteAddress, CancellationToken cancellationToken)
    {
        if (settings.RegistrationLimit == 0)
        {
            return null;
        }

        var key = "registration:" + ClientAddress.LimitKey(remoteAddress);
        var now = time.GetUtcNow();
        var window = await windows.GetAsync(key, now, OAuthClientSettings.RegistrationWindow, cancellationToken).ConfigureAwait(false);
        if (window is not null && window.Failures >= settings.RegistrationLimit)
        {
            return window.Start + OAuthClientSettings.RegistrationWindow - now;
        }

        await windows.RecordFailureAsync(key, now, OAuthClientSettings.RegistrationWindow, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
