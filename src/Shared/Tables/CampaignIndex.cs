using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CampaignMcp.Campaigns;
using CampaignMcp.Storage;

namespace CampaignMcp.Tables;

/// <summary>
/// The campaign table's published snapshot, in its own table (<c>&lt;prefix&gt;campaignindex</c>):
/// <list type="bullet">
/// <item>one <c>head</c> row naming the version in force (replaced with If-Match, so of two imports publishing at
/// once exactly one wins and the other merges again on top of it);</item>
/// <item>per version, a partition <c>v-&lt;version&gt;</c> of chunk rows holding <see cref="CampaignSnapshotCodec"/>'s
/// bytes, up to 10 binary properties of 64,000 bytes each (an entity holds at most 1 MiB, a property 64 KiB, and
/// Azurite counts binary properties as their base64 text, 4/3 of the bytes:
/// https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types).</item>
/// </list>
/// A version's chunks are written completely before the head points at it, so a reader never sees a half-written
/// snapshot and a failed import leaves the previous one in force. Versions no head names are deleted by
/// <see cref="CampaignIndexSweeper"/> once they are old enough that no reader can still be loading them.
/// </summary>
public sealed class CampaignIndex(TableStorage storage, TimeProvider time)
{
    public const string HeadKey = "head";
    public const string VersionPartitionPrefix = "v-";
    private const int PropertiesPerChunk = 10;
    private const int PropertySize = 64_000;
    private const int ChunkSize = PropertiesPerChunk * PropertySize;
    private const int PublishAttempts = 10;

    public async Task<CampaignIndexHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var response = await storage.RunAsync(() => storage.CampaignIndex.GetEntityIfExistsAsync<TableEntity>(HeadKey, HeadKey, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var head = response.Value!;
        return new CampaignIndexHead(head.GetString("Version"), head.GetInt32("Rows") ?? 0, head.GetInt32("Chunks") ?? 0, head.ETag);
    }

    /// <summary>The campaigns of <paramref name="head"/>'s version, or null when its chunks are gone (superseded and swept).</summary>
    /// <remarks>Chunks are point reads, four at a time: each response stays under a megabyte, well inside the clients' network timeout.</remarks>
    public async Task<List<Campaign>?> ReadSnapshotAsync(CampaignIndexHead head, CancellationToken cancellationToken)
    {
        var chunks = new byte[head.Chunks][];
        var missing = false;
        var partition = VersionPartitionPrefix + head.Version;
        await Parallel.ForEachAsync(Enumerable.Range(0, head.Chunks), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var response = await storage.RunAsync(() => storage.CampaignIndex.GetEntityIfExistsAsync<TableEntity>(partition, ChunkRow(index), cancellationToken: token), token).ConfigureAwait(false);
            if (!response.HasValue)
            {
                missing = true;
                return;
            }

            using var bytes = new MemoryStream();
            for (var p = 0; p < PropertiesPerChunk && response.Value!.GetBinary(PropertyName(p)) is { } part; p++)
            {
                bytes.Write(part);
            }

            chunks[index] = bytes.ToArray();
        }).ConfigureAwait(false);

        if (missing)
        {
            return null;
        }

        using var snapshot = new MemoryStream(chunks.Sum(c => c.Length));
        foreach (var chunk in chunks)
        {
            snapshot.Write(chunk);
        }

        snapshot.Position = 0;
        return CampaignSnapshotCodec.Decode(snapshot);
    }

    /// <param name="startedEmpty">
    /// <see cref="IsEmptyAsync"/> said so before the rows were written: a first publish then needs no scan of the
    /// rows it just wrote.
    /// </param>
    public async Task<CampaignIndexHead> PublishAsync(IEnumerable<Campaign> changed, bool startedEmpty, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            var current = head is not null ? await ReadSnapshotAsync(head, cancellationToken).ConfigureAwait(false)
                : startedEmpty ? []
                : await ScanRowsAsync(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                // Superseded and swept between the two reads: read the newer head.
                if (attempt >= PublishAttempts)
                {
                    throw new StorageUnavailableException("The campaign index kept changing while an import published to it; re-run the import");
                }

                continue;
            }

            var merged = Merge(current, changed);
            try
            {
                return await WriteAsync(merged, head, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < PublishAttempts)
            {
                // Another import published first: merge again on top of its snapshot (the orphaned chunks are swept).
            }
        }
    }

    /// <summary>No index was ever published and the campaign table has no row (one request of one key).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        if (await ReadHeadAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var any = await storage.RunAsync(
            async () =>
            {
                await foreach (var page in storage.Campaigns.QueryAsync<TableEntity>(filter: (string?)null, maxPerPage: 1, select: ["PartitionKey"], cancellationToken).AsPages().ConfigureAwait(false))
                {
                    if (page.Values.Count > 0)
                    {
                        return true;
                    }
                }

                return false;
            },
            cancellationToken).ConfigureAwait(false);
        return !any;
    }

    /// <summary>Every campaign row, as the snapshot of a table that has none yet (rows written before the index existed).</summary>
    public async Task<List<Campaign>> ScanRowsAsync(CancellationToken cancellationToken)
    {
        var campaigns = new List<Campaign>();
        await foreach (var entity in storage.QueryAsync(storage.Campaigns, null, null, cancellationToken).ConfigureAwait(false))
        {
            campaigns.Add(CampaignEntities.FromEntity(entity));
        }

        return campaigns;
    }

    /// <summary>Writes <paramref name="campaigns"/> as a new version and points the head at it if the head is still <paramref name="expected"/>.</summary>
    /// <exception cref="RequestFailedException">409/412: the head changed meanwhile.</exception>
    public async Task<CampaignIndexHead> WriteAsync(IReadOnlyCollection<Campaign> campaigns, CampaignIndexHead? expected, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid().ToString("N")[..16];
        var bytes = CampaignSnapshotCodec.Encode(campaigns);
        var chunkCount = Math.Max(1, (bytes.Length + ChunkSize - 1) / ChunkSize);
        var createdAt = time.GetUtcNow();
        await Parallel.ForEachAsync(Enumerable.Range(0, chunkCount), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var chunk = new TableEntity(VersionPartitionPrefix + version, ChunkRow(index)) { ["CreatedAt"] = createdAt };
            var start = index * ChunkSize;
            for (var p = 0; p < PropertiesPerChunk && start + p * PropertySize < bytes.Length; p++)
            {
                var offset = start + p * PropertySize;
                chunk[PropertyName(p)] = bytes.AsMemory(offset, Math.Min(PropertySize, bytes.Length - offset)).ToArray();
            }

            await storage.RunAsync(() => storage.CampaignIndex.UpsertEntityAsync(chunk, TableUpdateMode.Replace, token), token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var head = new TableEntity(HeadKey, HeadKey) { ["Version"] = version, ["Rows"] = campaigns.Count, ["Chunks"] = chunkCount, ["PublishedAt"] = createdAt };
        var response = await storage.RunAsync(
            () => expected is null
                ? storage.CampaignIndex.AddEntityAsync(head, cancellationToken)
                : storage.CampaignIndex.UpdateEntityAsync(head, expected.ETag, TableUpdateMode.Replace, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return new CampaignIndexHead(version, campaigns.Count, chunkCount, response.Headers.ETag ?? default);
    }

    private static List<Campaign> Merge(List<Campaign> current, IEnumerable<Campaign> changed)
    {
        // Row keys are lowercase ids, so ids that differ only in case are one row (CampaignEntities.RowKey).
        var position = new Dictionary<string, int>(current.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < current.Count; i++)
        {
            position[current[i].Id] = i;
        }

        foreach (var campaign in changed)
        {
            if (position.TryGetValue(campaign.Id, out var at))
            {
                current[at] = campaign;
            }
            else
            {
                position[campaign.Id] = current.Count;
                current.Add(campaign);
            }
        }

        return current;
    }

    private static string ChunkRow(int index) => index.ToString("D6", CultureInfo.InvariantCulture);

    private static string PropertyName(int index) => "D" + index.ToString("D2", CultureInfo.InvariantCulture);
}
