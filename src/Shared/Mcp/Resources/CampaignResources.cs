using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Mcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Resources;

/// <summary>Campaigns as MCP resources: <c>campaign://{id}</c>, listed page by page.</summary>
public sealed class CampaignResources(ICampaignStore store)
{
    public const string Scheme = "campaign://";
    public const int PageSize = 100;

    public static readonly ResourceTemplate Template = new()
    {
        Name = "campaign",
        Title = "Campaign by id",
        UriTemplate = Scheme + "{id}",
        Description = "One campaign with its derived metrics (CTR, CVR, CPC, CPA, ROAS), as JSON. Ids look like cmp-0042.",
        MimeType = "application/json",
    };

    public async Task<ListResourcesResult> ListAsync(string? cursor, CancellationToken cancellationToken)
    {
        CampaignPage page;
        try
        {
            page = await store.QueryAsync(CampaignFilter.All, CampaignSort.StartDateDescending, cursor, PageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidCursorException exception)
        {
            throw new McpProtocolException($"Invalid cursor: {exception.Message}", McpErrorCode.InvalidParams);
        }

        return new ListResourcesResult
        {
            Resources = page.Items.Select(c => new Resource
            {
                Uri = Scheme + c.Id,
                Name = c.Id,
                Title = c.Name,
                Description = $"{c.Status.ToString().ToLowerInvariant()} {c.Channel.ToString().ToLowerInvariant()} campaign, {c.StartDate:yyyy-MM-dd} to {c.EndDate:yyyy-MM-dd}",
                MimeType = "application/json",
            }).ToList(),
            NextCursor = page.NextCursor,
        };
    }

    public async Task<IReadOnlyList<string>> IdsStartingWithAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var campaign in store.ScanAsync(CampaignFilter.All, cancellationToken).ConfigureAwait(false))
        {
            if (campaign.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                ids.Add(campaign.Id);
                if (ids.Count >= limit)
                {
                    break;
                }
            }
        }

        return ids;
    }

    public async Task<ReadResourceResult> ReadAsync(string uri, CancellationToken cancellationToken)
    {
        var id = uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? uri[Scheme.Length..] : null;
        var campaign = string.IsNullOrEmpty(id) || id.Length > 64 ? null : await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            throw new McpProtocolException($"Resource not found: {(uri.Length > 100 ? uri[..100] + "…" : uri)}. Campaign URIs look like campaign://cmp-0042.", McpErrorCode.ResourceNotFound);
        }

        return new ReadResourceResult
        {
            Contents =
            [
                new TextResourceContents
                {
                    // The URI as asked (ids match without regard to case): a client pairs contents with its request by URI.
                    Uri = uri,
                    MimeType = "application/json",
                    Text = JsonSerializer.Serialize(CampaignDetailOutput.Of(campaign), McpToolJsonContext.Default.CampaignDetailOutput),
                },
            ],
        };
    }
}
