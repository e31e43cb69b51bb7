using Azure;
using Azure.Data.Tables;
using CampaignMcp.SignIn;

namespace CampaignMcp.Tables;

/// <summary>
/// Sign-in state in the authorization-code table (partition <c>signin</c>, RowKey the handle's SHA-256), where the
/// code sweeper also purges it by <c>ExpiresAt</c>. Taking is a delete conditional on the ETag read, so two
/// instances presenting one handle at once cannot both have it.
/// </summary>
public sealed class TableSignInStateStore(TableStorage storage) : ISignInStateStore
{
    private const string Partition = "signin";

    public Task SaveAsync(string handleHash, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        storage.RunAsync(
            () => storage.AuthorizationCodes.AddEntityAsync(new TableEntity(Partition, handleHash) { ["Payload"] = payload, ["ExpiresAt"] = expiresAt }, cancellationToken),
            cancellationToken);

    public Task<string?> FindAsync(string handleHash, CancellationToken cancellationToken) =>
        storage.RunAsync(
            async () =>
            {
                var found = await storage.AuthorizationCodes.GetEntityIfExistsAsync<TableEntity>(Partition, handleHash, cancellationToken: cancellationToken).ConfigureAwait(false);
                return found.HasValue && found.Value is { } entity ? entity.GetString("Payload") : null;
            },
            cancellationToken);

    public Task<string?> TakeAsync(string handleHash, CancellationToken cancellationToken) =>
        storage.RunAsync(
            async () =>
            {
                var found = await storage.AuthorizationCodes.GetEntityIfExistsAsync<TableEntity>(Partition, handleHash, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!found.HasValue || found.Value is not { } entity)
                {
                    return null;
                }

                try
                {
                    // The SDK answers a delete of a missing entity without throwing (the 404 is in the response).
                    using var deleted = await storage.AuthorizationCodes.DeleteEntityAsync(Partition, handleHash, entity.ETag, cancellationToken).ConfigureAwait(false);
                    return deleted.Status == 404 ? null : entity.GetString("Payload");
                }
                catch (RequestFailedException exception) when (exception.Status is 404 or 412)
                {
                    // Another instance took it between our read and delete.
                    return (string?)null;
                }
            },
            cancellationToken);
}
