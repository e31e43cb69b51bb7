using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignMcp.Campaigns;

namespace CampaignMcp.Tables;

/// <summary>
/// A campaign as a table row.
/// <list type="bullet">
/// <item>PartitionKey: <c>c0</c>..<c>cf</c>, from the first hash nibble of the id. Get-by-id stays a point
/// read, writes spread over 16 partitions, and an import can batch 100 rows per entity-group transaction
/// (a transaction is limited to one partition).</item>
/// <item>RowKey: the id in lowercase, so lookups ignore case as the embedded store's do.</item>
/// <item>Money stays exact as strings; <c>SpendAmount</c> (a double) and the ISO-date strings exist so that the
/// service can evaluate the spend and date filters; status and channel are lowercase names.</item>
/// </list>
/// </summary>
public static class CampaignEntities
{
    public const int Partitions = 16;

    public static readonly IReadOnlyList<string> AllPartitionKeys = Enumerable.Range(0, Partitions).Select(n => "c" + n.ToString("x", CultureInfo.InvariantCulture)).ToArray();

    public static string PartitionKey(string id) =>
        AllPartitionKeys[SHA256.HashData(Encoding.UTF8.GetBytes(id.ToLowerInvariant()))[0] % Partitions];

    public static string RowKey(string id) => id.ToLowerInvariant();

    public static TableEntity ToEntity(Campaign campaign) => new(PartitionKey(campaign.Id), RowKey(campaign.Id))
    {
        ["Id"] = campaign.Id,
        ["Name"] = campaign.Name,
        ["Status"] = Name(campaign.Status),
        ["Channel"] = Name(campaign.Channel),
        ["Objective"] = campaign.Objective,
        ["Budget"] = campaign.Budget.ToString(CultureInfo.InvariantCulture),
        ["Spend"] = campaign.Spend.ToString(CultureInfo.InvariantCulture),
        ["SpendAmount"] = (double)campaign.Spend,
        ["Currency"] = campaign.Currency,
        ["StartDate"] = campaign.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["EndDate"] = campaign.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Impressions"] = campaign.Impressions,
        ["Clicks"] = campaign.Clicks,
        ["Conversions"] = campaign.Conversions,
        ["Revenue"] = campaign.Revenue.ToString(CultureInfo.InvariantCulture),
        ["Tags"] = JsonSerializer.Serialize(campaign.Tags, StorageJsonContext.Default.IReadOnlyListString),
        ["UpdatedAt"] = campaign.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    public static Campaign FromEntity(TableEntity entity) => new()
    {
        Id = entity.GetString("Id"),
        Name = entity.GetString("Name"),
        Status = Enum.Parse<CampaignStatus>(entity.GetString("Status"), ignoreCase: true),
        Channel = Enum.Parse<CampaignChannel>(entity.GetString("Channel"), ignoreCase: true),
        Objective = entity.GetString("Objective"),
        Budget = Decimal(entity, "Budget"),
        Spend = Decimal(entity, "Spend"),
        Currency = entity.GetString("Currency"),
        StartDate = DateOnly.ParseExact(entity.GetString("StartDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        EndDate = DateOnly.ParseExact(entity.GetString("EndDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Impressions = entity.GetInt64("Impressions") ?? 0,
        Clicks = entity.GetInt64("Clicks") ?? 0,
        Conversions = entity.GetInt64("Conversions") ?? 0,
        Revenue = Decimal(entity, "Revenue"),
        Tags = JsonSerializer.Deserialize(entity.GetString("Tags") ?? "[]", StorageJsonContext.Default.IReadOnlyListString) ?? [],
        UpdatedAt = DateTimeOffset.ParseExact(entity.GetString("UpdatedAt"), "O", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The part of a filter the service can evaluate (OData $filter: status, channel, dates, spend). It may
    /// keep more rows than the filter (spend is compared as a double, a cent lower); the store re-applies the
    /// exact filter in process, together with the text criterion the service cannot evaluate
    /// (https://learn.microsoft.com/rest/api/storageservices/querying-tables-and-entities#supported-comparison-operators).
    /// </summary>
    public static string? ServiceFilter(CampaignFilter filter)
    {
        var parts = new List<string>();
        if (filter.Statuses is { Count: > 0 } statuses)
        {
            parts.Add("(" + string.Join(" or ", statuses.Order().Select(s => TableClient.CreateQueryFilter($"Status eq {Name(s)}"))) + ")");
        }

        if (filter.Channels is { Count: > 0 } channels)
        {
            parts.Add("(" + string.Join(" or ", channels.Order().Select(c => TableClient.CreateQueryFilter($"Channel eq {Name(c)}"))) + ")");
        }

        if (filter.From is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"EndDate ge {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        }

        if (filter.To is { } to)
        {
            parts.Add(TableClient.CreateQueryFilter($"StartDate le {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        }

        if (filter.MinimumSpend is { } minimum && minimum > 0)
        {
            parts.Add(TableClient.CreateQueryFilter($"SpendAmount ge {(double)minimum - 0.01}"));
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static decimal Decimal(TableEntity entity, string name) =>
        decimal.Parse(entity.GetString(name), NumberStyles.Number, CultureInfo.InvariantCulture);
}
