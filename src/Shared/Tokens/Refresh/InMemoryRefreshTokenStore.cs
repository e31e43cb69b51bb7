namespace CampaignMcp.Tokens.Refresh;

/// <summary>
/// The embedded store: one process, nothing survives a restart. Local runs and tests only. Bounded: every
/// token request starts a family, so past <see cref="MaximumFamilies"/> the ended ones (expired or revoked)
/// go first, then the oldest tenth.
/// </summary>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore, IRefreshFamilyDirectory
{
    public const int MaximumFamilies = 100_000;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> families = new(StringComparer.Ordinal);
    private long versions;

    public Task CreateAsync(RefreshFamily family, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (families.Count >= MaximumFamilies)
            {
                MakeRoom(family.CreatedAt);
            }

            if (!families.TryAdd(family.FamilyId, new Entry(family with { Version = NextVersion() })))
            {
                throw new InvalidOperationException("A refresh-token family with this id already exists.");
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RefreshFamily>> ListActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<RefreshFamily>>(families.Values.Select(entry => entry.Family).Where(family => !family.IsRevoked && family.ExpiresAt > now).ToArray());
        }
    }

    public Task<RefreshLookup?> FindAsync(string familyId, string tokenHash, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!families.TryGetValue(familyId, out var entry))
            {
                return Task.FromResult<RefreshLookup?>(null);
            }

            var match = string.Equals(entry.Family.CurrentTokenHash, tokenHash, StringComparison.Ordinal) ? RefreshTokenMatch.Current
                : string.Equals(entry.Family.PreviousTokenHash, tokenHash, StringComparison.Ordinal) ? RefreshTokenMatch.Previous
                : entry.Superseded.Contains(tokenHash) ? RefreshTokenMatch.Superseded
                : RefreshTokenMatch.Unknown;
            return Task.FromResult<RefreshLookup?>(new RefreshLookup(entry.Family, match));
        }
    }

    public Task<RefreshFamily?> TryRotateAsync(RefreshFamily current, string newTokenHash, string newScope, DateTimeOffset newExpiresAt, DateTimeOffset rotatedAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!families.TryGetValue(current.FamilyId, out var entry))
            {
                return Task.FromResult<RefreshFamily?>(null);
            }

            if (entry.Family.Version != current.Version)
            {
                var same = !entry.Family.IsRevoked && entry.Family.CurrentTokenHash == newTokenHash && entry.Family.Generation == current.Generation + 1;
                return Task.FromResult(same ? entry.Family : null);
            }

            var rotated = entry.Family with
            {
                CurrentTokenHash = newTokenHash,
                PreviousTokenHash = entry.Family.CurrentTokenHash,
                RotatedAt = rotatedAt,
                Scope = newScope,
                Generation = entry.Family.Generation + 1,
                ExpiresAt = newExpiresAt,
                Version = NextVersion(),
            };
            entry.Superseded.Add(entry.Family.CurrentTokenHash);
            entry.Family = rotated;
            return Task.FromResult<RefreshFamily?>(rotated);
        }
    }

    public Task<bool> RevokeAsync(string familyId, string reason, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!families.TryGetValue(familyId, out var entry))
            {
                return Task.FromResult(false);
            }

            if (!entry.Family.IsRevoked)
            {
                entry.Family = entry.Family with { RevokedAt = revokedAt, RevokedReason = reason, Version = NextVersion() };
            }
            return Task.FromResult(true);
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        var ended = families.Where(pair => pair.Value.Family.IsRevoked || pair.Value.Family.ExpiresAt <= now).Select(pair => pair.Key).ToList();
        if (ended.Count < MaximumFamilies / 10)
        {
            ended.AddRange(families.OrderBy(pair => pair.Value.Family.CreatedAt).Take(MaximumFamilies / 10).Select(pair => pair.Key));
        }

        foreach (var familyId in ended)
        {
            families.Remove(familyId);
        }
    }

    private string NextVersion() => (++versions).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Entry(RefreshFamily family)
    {
        public RefreshFamily Family { get; set; } = family;
        public HashSet<string> Superseded { get; } = new(StringComparer.Ordinal);
    }
}
