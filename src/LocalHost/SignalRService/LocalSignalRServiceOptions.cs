namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>Where the stand-in lives and where it sends upstream calls.</summary>
public sealed record LocalSignalRServiceOptions(string PathBase, string UpstreamUrlTemplate)
{
    public const string DefaultPathBase = "/asrs";
}
