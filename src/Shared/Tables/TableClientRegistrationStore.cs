using System.Text.Json;
using Azure.Data.Tables;
using CampaignMcp.OAuth.Clients;

namespace CampaignMcp.Tables;

/// <summary>
/// Dynamic Client Registrations in Table Storage. RowKey is the client id (<c>dcr_</c> + base64url: a valid key),
/// PartitionKey the first two hex digits of its SHA-256 (spreads clients over 256 partitions). The metadata is one
/// JSON property (at most 16 KiB, the request limit); <c>ExpiresAt</c> is a property of its own so that a purge can
/// find expired rows with a filter.
/// </summary>
public sealed class TableClientRegistrationStore(TableStorage storage) : IClientRegistrationStore
{
    public Task AddAsync(ClientRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var entity = new TableEntity(Partition(registration.ClientId), registration.ClientId)
        {
            ["Metadata"] = JsonSerializer.Serialize(registration.Metadata, ClientsJsonContext.Default.ClientMetadata),
            ["IssuedAt"] = registration.IssuedAt,
            ["ExpiresAt"] = registration.ExpiresAt,
        };

        // Add, never upsert: a client id is random, so a conflict would be a bug worth failing on.
        return storage.RunAsync(() => storage.OAuthClients.AddEntityAsync(entity, cancellationToken), cancellationToken);
    }

    public async Task<ClientRegistration?> FindAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(clientId))
        {
            return null;
        }

        var response = await storage.RunAsync(
            () => storage.OAuthClients.GetEntityIfExistsAsync<TableEntity>(Partition(clientId), clientId, cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        var expiresAt = entity.GetDateTimeOffset("ExpiresAt") ?? default;
        if (expiresAt <= now || entity.GetString("Metadata") is not { } json
            || JsonSerializer.Deserialize(json, ClientsJsonContext.Default.ClientMetadata) is not { } metadata)
        {
            return null;
        }

        return new ClientRegistration(clientId, metadata, entity.GetDateTimeOffset("IssuedAt") ?? default, expiresAt);
    }

    private static string Partition(string clientId) => TableKeys.Hash(clientId)[..2];
}
