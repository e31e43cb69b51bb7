using Azure;
using Azure.Data.Tables;
using CampaignMcp.Storage;
using CampaignMcp.Tokens.Refresh;

namespace CampaignMcp.Tables;

/// <summary>
/// Refresh-token families in Table Storage. One partition per family (PartitionKey = family id): the family
/// row (RowKey <c>family</c>) and one marker row per superseded token (RowKey <c>s:</c> + SHA-256 of its hash).
/// Because they share a partition, a rotation is ONE entity-group transaction (update the family row with
/// If-Match on its ETag + insert the marker): both or neither, and of two instances rotating the same
/// version exactly one succeeds (the other gets 412)
/// (https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions).
/// <see cref="RefreshFamily.Version"/> is the family row's ETag.
/// </summary>
public sealed class TableRefreshTokenStore(TableStorage storage) : IRefreshTokenStore, IRefreshFamilyDirectory
{
    private const string FamilyRow = "family";
    private const int RevokeAttempts = 5;

    public async Task CreateAsync(RefreshFamily family, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(family.FamilyId))
        {
            throw new ArgumentException("A family id must be a valid table key (no '/', '\\', '#', '?' or control characters).", nameof(family));
        }

        try
        {
            await storage.RunAsync(() => storage.RefreshFamilies.AddEntityAsync(ToEntity(family), cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // A retry after a lost response finds its own row: that is success, not a clash.
            var stored = await ReadFamilyAsync(family.FamilyId, cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.CurrentTokenHash != family.CurrentTokenHash || stored.CreatedAt != family.CreatedAt)
            {
                throw new InvalidOperationException("A refresh-token family with this id already exists.", exception);
            }
        }
    }

    /// <summary>A scan of the family rows (every partition): fine for a team's sessions, read only by the operator.</summary>
    public async Task<IReadOnlyList<RefreshFamily>> ListActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {FamilyRow} and ExpiresAt gt {now}");
        var active = new List<RefreshFamily>();
        await foreach (var entity in storage.QueryAsync(storage.RefreshFamilies, filter, null, cancellationToken).ConfigureAwait(false))
        {
            var family = ToFamily(entity);
            if (!family.IsRevoked)
            {
                active.Add(family);
            }
        }

        return active;
    }

    public async Task<RefreshLookup?> FindAsync(string familyId, string tokenHash, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(familyId))
        {
            return null;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {familyId} and (RowKey eq {FamilyRow} or RowKey eq {MarkerRow(tokenHash)})");
        RefreshFamily? family = null;
        var superseded = false;
        await foreach (var entity in storage.QueryAsync(storage.RefreshFamilies, filter, null, cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == FamilyRow)
            {
                family = ToFamily(entity);
            }
            else
            {
                superseded = true;
            }
        }

        if (family is null)
        {
            return null;
        }

        var match = string.Equals(family.CurrentTokenHash, tokenHash, StringComparison.Ordinal) ? RefreshTokenMatch.Current
            : string.Equals(family.PreviousTokenHash, tokenHash, StringComparison.Ordinal) ? RefreshTokenMatch.Previous
            : superseded ? RefreshTokenMatch.Superseded
            : RefreshTokenMatch.Unknown;
        return new RefreshLookup(family, match);
    }

    public async Task<RefreshFamily?> TryRotateAsync(RefreshFamily current, string newTokenHash, string newScope, DateTimeOffset newExpiresAt, DateTimeOffset rotatedAt, CancellationToken cancellationToken)
    {
        if (current.Version is null || !TableKeys.IsValid(current.FamilyId))
        {
            return null;
        }

        var rotated = current with
        {
            CurrentTokenHash = newTokenHash,
            PreviousTokenHash = current.CurrentTokenHash,
            RotatedAt = rotatedAt,
            Scope = newScope,
            Generation = current.Generation + 1,
            ExpiresAt = newExpiresAt,
        };
        var marker = new TableEntity(current.FamilyId, MarkerRow(current.CurrentTokenHash)) { ["SupersededAt"] = rotatedAt };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, ToEntity(rotated), new ETag(current.Version)),
            new(TableTransactionActionType.UpsertReplace, marker),
        ];
        try
        {
            var response = await storage.RunAsync(() => storage.RefreshFamilies.SubmitTransactionAsync(actions, cancellationToken), cancellationToken).ConfigureAwait(false);
            var etag = response.Value[0].Headers.ETag;
            return etag is { } version ? rotated with { Version = version.ToString() } : await ReadFamilyAsync(current.FamilyId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            // 412: another caller rotated or revoked first. But a retry of our own transaction whose first
            // response was lost also gets 412, and so does a concurrent duplicate of this exchange (the
            // successor is derived, not random): the family then carries exactly this rotation.
            var stored = await ReadFamilyAsync(current.FamilyId, cancellationToken).ConfigureAwait(false);
            return stored is { IsRevoked: false } && stored.CurrentTokenHash == newTokenHash && stored.Generation == rotated.Generation ? stored : null;
        }
    }

    public async Task<bool> RevokeAsync(string familyId, string reason, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(familyId))
        {
            return false;
        }

        for (var attempt = 1; ; attempt++)
        {
            var family = await ReadFamilyAsync(familyId, cancellationToken).ConfigureAwait(false);
            if (family is null)
            {
                return false;
            }

            if (family.IsRevoked)
            {
                return true;
            }

            try
            {
                var revoked = family with { RevokedAt = revokedAt, RevokedReason = reason };
                await storage.RunAsync(() => storage.RefreshFamilies.UpdateEntityAsync(ToEntity(revoked), new ETag(family.Version!), TableUpdateMode.Replace, cancellationToken), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Rotated meanwhile: read again and revoke the newer version, a bounded number of times.
                if (attempt >= RevokeAttempts)
                {
                    throw new StorageUnavailableException("The refresh family kept changing while it was being revoked", exception);
                }
            }
        }
    }

    private async Task<RefreshFamily?> ReadFamilyAsync(string familyId, CancellationToken cancellationToken)
    {
        var response = await storage.RunAsync(() => storage.RefreshFamilies.GetEntityIfExistsAsync<TableEntity>(familyId, FamilyRow, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToFamily(response.Value!) : null;
    }

    /// <summary>Hashed again so that any presented value makes a valid, fixed-length key.</summary>
    private static string MarkerRow(string tokenHash) => "s:" + TableKeys.Hash(tokenHash);

    private static TableEntity ToEntity(RefreshFamily family) => new(family.FamilyId, FamilyRow)
    {
        ["ClientId"] = family.ClientId,
        ["OAuthClientId"] = family.OAuthClientId,
        ["UserSubject"] = family.UserSubject,
        ["UserName"] = family.UserName,
        ["Scope"] = family.Scope,
        ["CurrentTokenHash"] = family.CurrentTokenHash,
        ["PreviousTokenHash"] = family.PreviousTokenHash,
        ["RotatedAt"] = family.RotatedAt,
        ["Generation"] = family.Generation,
        ["CreatedAt"] = family.CreatedAt,
        ["ExpiresAt"] = family.ExpiresAt,
        ["RevokedAt"] = family.RevokedAt,
        ["RevokedReason"] = family.RevokedReason,
    };

    private static RefreshFamily ToFamily(TableEntity entity) => new()
    {
        FamilyId = entity.PartitionKey,
        ClientId = entity.GetString("ClientId"),
        OAuthClientId = entity.GetString("OAuthClientId"),
        UserSubject = entity.GetString("UserSubject"),
        UserName = entity.GetString("UserName"),
        Scope = entity.GetString("Scope"),
        CurrentTokenHash = entity.GetString("CurrentTokenHash"),
        PreviousTokenHash = entity.GetString("PreviousTokenHash"),
        RotatedAt = entity.GetDateTimeOffset("RotatedAt"),
        Generation = entity.GetInt32("Generation") ?? 0,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        ExpiresAt = entity.GetDateTimeOffset("ExpiresAt") ?? default,
        RevokedAt = entity.GetDateTimeOffset("RevokedAt"),
        RevokedReason = entity.GetString("RevokedReason"),
        Version = entity.ETag.ToString(),
    };

    /// <summary>
    /// Deletes families whose current token expired before <paramref name="now"/> (every token of the family is then
    /// refused as expired, so reuse detection has nothing left to protect), at most <paramref name="budget"/> rows.
    /// The family row goes last and only if unchanged (If-Match), so a half-swept family is finished on the next run.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, int budget, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {FamilyRow} and ExpiresAt le {now}");
        var deleted = 0;
        foreach (var family in await TableSweep.SelectAsync(storage, storage.RefreshFamilies, filter, budget, cancellationToken).ConfigureAwait(false))
        {
            var left = budget - deleted;
            var rows = await TableSweep.SelectAsync(storage, storage.RefreshFamilies, TableClient.CreateQueryFilter($"PartitionKey eq {family.PartitionKey}"), left + 1, cancellationToken).ConfigureAwait(false);
            var markers = rows.Where(row => row.RowKey != FamilyRow).Take(left).ToList();
            deleted += await TableSweep.DeleteAsync(storage, storage.RefreshFamilies, markers, cancellationToken).ConfigureAwait(false);
            if (rows.Count <= left && deleted < budget)
            {
                deleted += await TableSweep.DeleteAsync(storage, storage.RefreshFamilies, [family], cancellationToken).ConfigureAwait(false);
            }

            if (deleted >= budget)
            {
                break;
            }
        }

        return deleted;
    }
}
