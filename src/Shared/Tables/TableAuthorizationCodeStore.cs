using Azure;
using Azure.Data.Tables;
using CampaignMcp.OAuth.Authorization;
using CampaignMcp.Tokens;

namespace CampaignMcp.Tables;

/// <summary>
/// Authorization codes (partition <c>code</c>, RowKey the code's SHA-256) and used sign-in form tokens (partition
/// <c>nonce</c>). Redemption is an ETag-conditional update, so two instances presenting one code at once cannot
/// both redeem it; a used form token is an insert that fails with 409 the second time.
/// </summary>
public sealed class TableAuthorizationCodeStore(TableStorage storage) : IAuthorizationCodeStore
{
    private const string CodePartition = "code";
    private const string NoncePartition = "nonce";

    public Task SaveAsync(string codeHash, AuthorizationCode code, CancellationToken cancellationToken) =>
        storage.RunAsync(
            () => storage.AuthorizationCodes.AddEntityAsync(
                new TableEntity(CodePartition, codeHash)
                {
                    ["ClientId"] = code.ClientId,
                    ["AllowedClient"] = code.AllowedClient,
                    ["RedirectUri"] = code.RedirectUri,
                    ["CodeChallenge"] = code.CodeChallenge,
                    ["Resource"] = code.Resource,
                    ["Scope"] = string.Join(' ', code.Scopes),
                    ["ExpiresAt"] = code.ExpiresAt,
                    ["Redeemed"] = false,
                    ["UserSubject"] = code.User?.Subject,
                    ["UserName"] = code.User?.Name,
                },
                cancellationToken),
            cancellationToken);

    public Task<AuthorizationCodeRedemption?> RedeemAsync(string codeHash, CancellationToken cancellationToken) =>
        storage.RunAsync(
            async () =>
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var found = await storage.AuthorizationCodes.GetEntityIfExistsAsync<TableEntity>(CodePartition, codeHash, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (!found.HasValue || found.Value is not { } entity)
                    {
                        return null;
                    }

                    var code = Read(entity);
                    if (entity.GetBoolean("Redeemed") == true)
                    {
                        return new AuthorizationCodeRedemption(code, AlreadyRedeemed: true, entity.GetString("FamilyId"));
                    }

                    entity["Redeemed"] = true;
                    try
                    {
                        await storage.AuthorizationCodes.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                        return new AuthorizationCodeRedemption(code, AlreadyRedeemed: false, null);
                    }
                    catch (RequestFailedException exception) when (exception.Status == 412)
                    {
                        // Another instance redeemed it between our read and write: read again, it is now a replay.
                    }
                }

                return (AuthorizationCodeRedemption?)null;
            },
            cancellationToken);

    public Task RecordIssuedAsync(string codeHash, string familyId, CancellationToken cancellationToken) =>
        storage.RunAsync(
            () => storage.AuthorizationCodes.UpdateEntityAsync(
                new TableEntity(CodePartition, codeHash) { ["FamilyId"] = familyId },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken),
            cancellationToken);

    public Task<bool> TryUseOnceAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        storage.RunAsync(
            async () =>
            {
                try
                {
                    await storage.AuthorizationCodes.AddEntityAsync(new TableEntity(NoncePartition, TableKeys.Hash(nonce)) { ["ExpiresAt"] = expiresAt }, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (RequestFailedException exception) when (exception.Status == 409)
                {
                    return false;
                }
            },
            cancellationToken);

    private static AuthorizationCode Read(TableEntity entity) => new(
        entity.GetString("ClientId") ?? "",
        entity.GetString("AllowedClient") ?? "",
        entity.GetString("RedirectUri") ?? "",
        entity.GetString("CodeChallenge") ?? "",
        entity.GetString("Resource") ?? "",
        (entity.GetString("Scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        entity.GetString("UserSubject") is { } subject ? new TokenUser(subject, entity.GetString("UserName") ?? subject) : null);
}
