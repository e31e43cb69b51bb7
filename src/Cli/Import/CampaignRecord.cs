namespace CampaignMcp.Cli.Import;

/// <summary>
/// One campaign as read from a file, before validation: its position among the file's records, field values
/// as text (CSV cells, or JSON values' text), the tags as a list (JSON) or null (CSV: the 'tags' field), where
/// it was in the file for messages, and what is wrong with its shape, if anything.
/// </summary>
public sealed record CampaignRecord(int Index, string Where, int Line, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string>? Tags, string? Problem = null);
