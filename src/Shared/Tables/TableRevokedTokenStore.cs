using Azure;
using Azure.Data.Tables;
using CampaignMcp.Storage;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tables;

/// <summary>
/// Revoked token ids in one small partition, so that the whole active list is one query and expired rows
/// can be deleted 100 at a time in entity-group transactions. RowKey is the SHA-256 of the id (any id makes
/// a valid key); the id itself is a property.
/// </summary>
public sealed class TableRevokedTokenStore(TableStorage storage, ILogger<TableRevokedTokenStore> logger) : IRevokedTokenStore
{
    public const string Partition = "revoked";
    private const int BatchSize = 100;

    public Task AddAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        storage.RunAsync(
            () => storage.RevokedTokens.UpsertEntityAsync(
                new TableEntity(Partition, TableKeys.Hash(tokenId)) { ["TokenId"] = tokenId, ["ExpiresAt"] = expiresAt },
                TableUpdateMode.Replace,
                cancellationToken),
            cancellationToken);

    public async Task<IReadOnlyList<RevokedToken>> ListActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = new List<RevokedToken>();
        var expired = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in storage.QueryAsync(storage.RevokedTokens, filter, null, cancellationToken).ConfigureAwait(false))
        {
            var expiresAt = entity.GetDateTimeOffset("ExpiresAt") ?? default;
            if (expiresAt > now)
            {
                active.Add(new RevokedToken(entity.GetString("TokenId"), expiresAt));
            }
            else
            {
                expired.Add(entity);
            }
        }

        await PurgeAsync(expired, cancellationToken).ConfigureAwait(false);
        return active;
    }

    /// <summary>Best effort: a row that fails to go now goes on a later call; ETags keep a re-added id.</summary>
    private async Task PurgeAsync(List<TableEntity> expired, CancellationToken cancellationToken)
    {
        foreach (var chunk in expired.Chunk(BatchSize))
        {
            try
            {
                var actions = chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.Delete, entity, entity.ETag));
                await storage.RunAsync(() => storage.RevokedTokens.SubmitTransactionAsync(actions, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RequestFailedException or StorageUnavailableException)
            {
                StorageLog.PurgeFailed(logger, exception.Message.Split('\n')[0]);
                return;
            }
        }
    }
}
