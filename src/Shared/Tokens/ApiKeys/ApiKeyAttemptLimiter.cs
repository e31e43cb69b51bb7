namespace CampaignMcp.Tokens.ApiKeys;

/// <summary>
/// Counts failed API-key attempts per remote address and per client id. Past
/// <see cref="LockoutSettings.MaxFailures"/> failures in <see cref="LockoutSettings.Window"/>, further wrong keys
/// are refused until the window ends (see <c>ClientAuthentication.ApiKeyAuthenticator</c> for why the right key
/// never is). State lives in <see cref="IFailedAttemptStore"/>, so every instance enforces the same limit and a
/// restart does not reset it.
/// </summary>
public sealed class ApiKeyAttemptLimiter(LockoutSettings settings, IFailedAttemptStore attempts, TimeProvider time)
{
    public bool IsEnabled => settings.MaxFailures > 0;

    /// <summary>
    /// Counts one wrong key against the address and, when named, the client id. Returns the lockout when this attempt
    /// is beyond the limit of either (it is refused), else null (401). A key that already reached the limit is not
    /// written again: its window would not change, and an attacker's flood then costs reads only.
    /// </summary>
    public async Task<Lockout?> RecordFailureAsync(string address, string? clientId, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        Lockout? lockout = null;
        foreach (var (key, limitedBy) in Keys(address, clientId))
        {
            // Read first so that a key already over the limit is not written again; otherwise the count after
            // this attempt's own atomic increment decides, so a parallel burst cannot all pass one check.
            var window = await attempts.GetAsync(key, now, settings.Window, cancellationToken).ConfigureAwait(false);
            if (window is null || window.Failures < settings.MaxFailures)
            {
                window = await attempts.RecordFailureAsync(key, now, settings.Window, cancellationToken).ConfigureAwait(false);
                if (window.Failures <= settings.MaxFailures)
                {
                    continue;
                }
            }

            lockout ??= new Lockout(limitedBy, window.Start + settings.Window - now);
        }

        return lockout;
    }

    private static IEnumerable<(string Key, string LimitedBy)> Keys(string address, string? clientId)
    {
        yield return ("address:" + Http.ClientAddress.LimitKey(address), "address");
        if (!string.IsNullOrEmpty(clientId))
        {
            // Client ids compare case-insensitively everywhere, so 'Claude' and 'claude' share one limit.
            yield return ("client:" + clientId.ToLowerInvariant(), "client");
        }
    }
}
