using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>The filter arguments that list, performance and export share: one schema, one parser.</summary>
public static class CampaignFilterArguments
{
    public static readonly IReadOnlyDictionary<string, CampaignStatus> Statuses = Enum.GetValues<CampaignStatus>().ToDictionary(s => s.ToString().ToLowerInvariant());
    public static readonly IReadOnlyDictionary<string, CampaignChannel> Channels = Enum.GetValues<CampaignChannel>().ToDictionary(c => c.ToString().ToLowerInvariant());

    public static readonly IReadOnlyList<string> Names = ["status", "channel", "start_date", "end_date", "text", "min_spend"];

    /// <summary>JSON Schema properties (without braces) for the filter arguments.</summary>
    public static string SchemaProperties => $$"""
        "status": { "description": "Only campaigns with this status (or any of these statuses).", "oneOf": [ { "type": "string", "enum": [{{Quoted(Statuses.Keys)}}] }, { "type": "array", "items": { "type": "string", "enum": [{{Quoted(Statuses.Keys)}}] } } ] },
        "channel": { "description": "Only campaigns on this channel (or any of these channels).", "oneOf": [ { "type": "string", "enum": [{{Quoted(Channels.Keys)}}] }, { "type": "array", "items": { "type": "string", "enum": [{{Quoted(Channels.Keys)}}] } } ] },
        "start_date": { "type": "string", "format": "date", "description": "Keep campaigns still running on or after this date (YYYY-MM-DD)." },
        "end_date": { "type": "string", "format": "date", "description": "Keep campaigns that started on or before this date (YYYY-MM-DD)." },
        "text": { "type": "string", "maxLength": 200, "description": "Case-insensitive text found in the name, objective or a tag, or an exact campaign id." },
        "min_spend": { "type": "number", "minimum": 0, "description": "Only campaigns that have spent at least this much (USD)." }
        """;

    public static CampaignFilter Parse(ToolArguments arguments)
    {
        var filter = new CampaignFilter
        {
            Statuses = arguments.OptionalSet("status", Statuses),
            Channels = arguments.OptionalSet("channel", Channels),
            From = arguments.OptionalDate("start_date"),
            To = arguments.OptionalDate("end_date"),
            Text = arguments.OptionalString("text"),
            MinimumSpend = arguments.OptionalDecimal("min_spend", 0),
        };
        if (filter.From > filter.To)
        {
            throw new ToolInputException($"'start_date' ({filter.From:yyyy-MM-dd}) is after 'end_date' ({filter.To:yyyy-MM-dd}).");
        }

        return filter;
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));
}
