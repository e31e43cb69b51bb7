using System.Collections.Frozen;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tokens.Revocation;

/// <summary>
/// The revoked access tokens every surface refuses (RFC 7009 §2.1), by <c>jti</c> or by the refresh-token
/// family (<c>sid</c>) they were issued with. Checking runs on every invocation, so it is a lookup in an
/// in-memory set; the set is re-read from <see cref="IRevokedTokenStore"/> once it is older than
/// <see cref="SyncInterval"/>, which bounds how long another instance's revocation takes to apply here.
/// A caller waits for that re-read at most <see cref="MaximumWait"/>, then is answered from the set in force.
/// If the store cannot be read, the last known set stays in force (and this instance's own revocations) and
/// the next attempt is <see cref="FailureBackoff"/> later, so a slow store does not slow every call. An
/// instance that has never read the store (started while storage was down) knows only its own revocations.
/// </summary>
public sealed class RevocationList(IRevokedTokenStore store, TimeProvider time, ILogger<RevocationList> logger)
{
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(30);
    private const string FamilyPrefix = "sid:";

    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> local = new(StringComparer.Ordinal);
    private FrozenSet<string> revoked = FrozenSet<string>.Empty;
    private long nextSyncTicks;
    private Task? syncing;

    public static string FamilyEntry(string familyId) => FamilyPrefix + familyId;

    /// <summary>True when the token (<c>jti</c>), or the grant it came with (<c>sid</c>), was revoked.</summary>
    public ValueTask<bool> IsRevokedAsync(string? tokenId, string? grantId)
    {
        if (time.GetUtcNow().UtcTicks < Volatile.Read(ref nextSyncTicks))
        {
            return new(Contains(tokenId, grantId));
        }

        return CheckAfterSyncAsync(tokenId, grantId);
    }

    /// <summary>Records a revocation in the store and applies it here at once.</summary>
    public async Task RevokeAsync(string entry, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await store.AddAsync(entry, expiresAt, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            local[entry] = expiresAt;
            revoked = revoked.Append(entry).ToFrozenSet(StringComparer.Ordinal);
        }
    }

    private async ValueTask<bool> CheckAfterSyncAsync(string? tokenId, string? grantId)
    {
        var sync = SyncAsync();
        if (!sync.IsCompleted)
        {
            await Task.WhenAny(sync, Task.Delay(MaximumWait, time)).ConfigureAwait(false);
        }

        return Contains(tokenId, grantId);
    }

    private bool Contains(string? tokenId, string? grantId)
    {
        var set = Volatile.Read(ref revoked);
        return set.Count > 0
            && ((tokenId is not null && set.Contains(tokenId))
                || (grantId is not null && set.Contains(FamilyPrefix + grantId)));
    }

    private Task SyncAsync()
    {
        lock (gate)
        {
            if (syncing is { IsCompleted: false })
            {
                return syncing;
            }

            if (time.GetUtcNow().UtcTicks < nextSyncTicks)
            {
                return Task.CompletedTask;
            }

            syncing = ReadStoreAsync();
            return syncing;
        }
    }

    private async Task ReadStoreAsync()
    {
        try
        {
            var active = await store.ListActiveAsync(time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            var now = time.GetUtcNow();
            lock (gate)
            {
                // Keep this instance's own revocations even if the read raced with their write.
                foreach (var ended in local.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList())
                {
                    local.Remove(ended);
                }

                revoked = active.Select(entry => entry.TokenId).Concat(local.Keys).ToFrozenSet(StringComparer.Ordinal);
            }

            // From the end of the read: a slow read must not leave the next one already due.
            Volatile.Write(ref nextSyncTicks, (now + SyncInterval).UtcTicks);
        }
#pragma warning disable CA1031 // A background refresh: any failure keeps the set in force; callers must not see it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            RevocationLog.RevocationSyncFailed(logger, Volatile.Read(ref revoked).Count, exception.Message);
            Volatile.Write(ref nextSyncTicks, (time.GetUtcNow() + FailureBackoff).UtcTicks);
        }
    }
}
