using System.Globalization;
using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

public sealed class ExportCampaignsTool(ICampaignStore store, TimeProvider time) : ICampaignTool
{
    public const string Name = "export_campaigns";
    private const int ProgressEvery = 250;

    public ScopeSet RequiredScope => ScopeSet.CampaignsExport;

    public Tool Definition { get; } = ToolDefinition.Create(
        Name,
        "Export campaigns",
        "Exports the campaigns matching a filter as CSV (RFC 4180, one row per campaign, tags joined with ';') or JSON, returned as an " +
        "embedded resource with its MIME type. At most max_rows rows are included; when more campaigns match, the result says so " +
        "and how many were left out. Needs the campaigns:export scope.",
        ExportCampaignsArguments.Input);

    public async Task<ToolResult> CallAsync(IDictionary<string, JsonElement>? arguments, ToolProgress progress, CancellationToken cancellationToken)
    {
        var (filter, format, maxRows) = ExportCampaignsArguments.Read(arguments);

        var rows = new List<Campaign>();
        var matched = 0;
        await foreach (var campaign in store.ScanAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            matched++;
            if (rows.Count < maxRows)
            {
                rows.Add(campaign);
            }

            if (matched % ProgressEvery == 0)
            {
                await progress(matched, null, $"Scanned {matched} matching campaigns").ConfigureAwait(false);
            }
        }

        await progress(matched, matched, $"Found {matched} campaigns; writing {rows.Count} rows as {format.ToUpperInvariant()}").ConfigureAwait(false);

        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var (text, mimeType) = format == "json"
            ? (JsonSerializer.Serialize<IReadOnlyList<Campaign>>(rows, McpToolJsonContext.Default.IReadOnlyListCampaign), "application/json")
            : (CampaignCsv.Write(rows), "text/csv");
        var note = rows.Count < matched
            ? $"Truncated: {matched} campaigns matched but only the first {rows.Count} are included (max_rows={maxRows}). Narrow the filter or raise max_rows (up to {ExportCampaignsArguments.MaxRowsParameter.Maximum})."
            : $"Exported all {matched} matching campaigns as {format.ToUpperInvariant()}.";

        return ToolResult.Of(new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = note },
                new EmbeddedResourceBlock
                {
                    Resource = new TextResourceContents { Uri = $"campaign-export://campaigns-{stamp}.{format}", MimeType = mimeType, Text = text },
                },
            ],
        });
    }
}
