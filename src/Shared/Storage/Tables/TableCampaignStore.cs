using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Storage.Tables;

/// <summary>
/// Campaigns in Azure Table Storage (row design: <see cref="CampaignEntities"/>).
/// <para>
/// Paging: none of the six sort orders is the table's natural order (PartitionKey, RowKey), and a page must
/// report <c>total_matched</c>, which Table Storage cannot count without reading every matching row. So a
/// query reads the rows the service filter keeps, applies the exact filter and the sort in process (the
/// same comparers as the embedded store, so pages are identical), and the cursor is an offset into that
/// order (<see cref="CampaignCursor"/>: bound to the filter and sort, checksummed). Continuation tokens
/// would save nothing here. The cost of a page is a scan of the matching rows: fine for the tens of
/// thousands of campaigns this serves (docs/storage.md has timings).
/// </para>
/// </summary>
public sealed class TableCampaignStore(TableStorage storage) : ICampaignStore
{
    public async Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(id))
        {
            return null;
        }

        var response = await storage.RunAsync(
            () => storage.Campaigns.GetEntityIfExistsAsync<TableEntity>(CampaignEntities.PartitionKey(id), CampaignEntities.RowKey(id), cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return response.HasValue ? CampaignEntities.FromEntity(response.Value!) : null;
    }

    public async Task<CampaignPage> QueryAsync(CampaignFilter filter, CampaignSort sort, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var fingerprint = CampaignCursor.Fingerprint(filter, sort);
        // A bad cursor is refused before any storage call.
        var offset = cursor is null ? 0 : CampaignCursor.Read(cursor, fingerprint);
        var matching = new List<Campaign>();
        await foreach (var campaign in ScanAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            matching.Add(campaign);
        }

        var page = CampaignSortNames.Apply(matching, sort).Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count < matching.Count ? CampaignCursor.Make(offset + page.Count, fingerprint) : null;
        return new CampaignPage(page, next, matching.Count);
    }

    /// <summary>Matching campaigns in table order (partition, then id).</summary>
    public async IAsyncEnumerable<Campaign> ScanAsync(CampaignFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in storage.QueryAsync(storage.Campaigns, CampaignEntities.ServiceFilter(filter), null, cancellationToken).ConfigureAwait(false))
        {
            var campaign = CampaignEntities.FromEntity(entity);
            if (filter.Matches(campaign))
            {
                yield return campaign;
            }
        }
    }
}
