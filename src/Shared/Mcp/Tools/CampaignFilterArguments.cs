using CampaignMcp.Campaigns;

namespace CampaignMcp.Mcp.Tools;

/// <summary>The filter arguments that list, performance and export share, declared once.</summary>
public static class CampaignFilterArguments
{
    public static readonly ChoiceSetParameter<CampaignStatus> Status = new("status", "Only campaigns with this status (or any of these statuses).", CampaignVocabulary.Statuses);

    public static readonly ChoiceSetParameter<CampaignChannel> Channel = new("channel", "Only campaigns on this channel (or any of these channels).", CampaignVocabulary.Channels);

    public static readonly DateParameter StartDate = new("start_date", "Keep campaigns still running on or after this date (YYYY-MM-DD).");

    public static readonly DateParameter EndDate = new("end_date", "Keep campaigns that started on or before this date (YYYY-MM-DD).");

    public static readonly TextParameter Text = new("text", "Case-insensitive text found in the name, objective or a tag, or an exact campaign id.", 200);

    public static readonly NumberParameter MinSpend = new("min_spend", "Only campaigns that have spent at least this much (USD).", 0);

    public static readonly IReadOnlyList<ToolParameter> All = [Status, Channel, StartDate, EndDate, Text, MinSpend];

    public static CampaignFilter Read(ToolArguments arguments)
    {
        var filter = new CampaignFilter
        {
            Statuses = Status.Read(arguments),
            Channels = Channel.Read(arguments),
            From = StartDate.Read(arguments),
            To = EndDate.Read(arguments),
            Text = Text.Read(arguments),
            MinimumSpend = MinSpend.Read(arguments),
        };
        if (filter.From > filter.To)
        {
            throw new ToolInputException($"'{StartDate.Name}' ({filter.From:yyyy-MM-dd}) is after '{EndDate.Name}' ({filter.To:yyyy-MM-dd}).");
        }

        return filter;
    }
}
