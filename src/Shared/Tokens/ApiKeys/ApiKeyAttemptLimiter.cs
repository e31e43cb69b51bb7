using CampaignMcp.Configuration;

namespace CampaignMcp.Tokens.ApiKeys;

/// <summary>
/// Limits failed API-key attempts per remote address and per client id: past
/// <see cref="LockoutSettings.MaxFailures"/> failures in <see cref="LockoutSettings.Window"/>, the
/// caller gets 429 until the window ends, even with the right key (otherwise guessing just continues). State
/// lives in <see cref="IFailedAttemptStore"/>, so every instance enforces the same limit and a restart does
/// not reset it.
/// </summary>
public sealed class ApiKeyAttemptLimiter(LockoutSettings settings, IFailedAttemptStore attempts, TimeProvider time)
{
    public bool IsEnabled => settings.MaxFailures > 0;

    /// <summary>How long the caller must wait, or null when it may try. Either key may be null to check only the other.</summary>
    public async Task<Lockout?> CheckAsync(string? remoteAddress, string? clientId, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        foreach (var (key, limitedBy) in Keys(remoteAddress, clientId))
        {
            var window = await attempts.GetAsync(key, now, settings.Window, cancellationToken).ConfigureAwait(false);
            if (window is not null && window.Failures >= settings.MaxFailures)
            {
                return new Lockout(limitedBy, window.Start + settings.Window - now);
            }
        }

        return null;
    }

    /// <summary>Counts one failed attempt against the address and, when known, the client id.</summary>
    public async Task RecordFailureAsync(string remoteAddress, string? clientId, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (key, _) in Keys(remoteAddress, clientId))
        {
            await attempts.RecordFailureAsync(key, now, settings.Window, cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<(string Key, string LimitedBy)> Keys(string? remoteAddress, string? clientId)
    {
        if (remoteAddress is not null)
        {
            yield return ("address:" + Http.ClientAddress.LimitKey(remoteAddress), "address");
        }

        if (!string.IsNullOrEmpty(clientId))
        {
            // Client ids compare case-insensitively everywhere, so 'Claude' and 'claude' share one limit.
            yield return ("client:" + clientId.ToLowerInvariant(), "client");
        }
    }
}
