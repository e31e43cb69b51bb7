namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// Where the stand-in lives and where it sends upstream calls. With <see cref="Entra"/>, it behaves as a service
/// with local auth disabled: tokens must be signed with keys from its access-key API, which takes a token from
/// <see cref="LocalEntra"/> for an identity holding the SignalR App Server role (<see cref="AppServerClientIds"/>),
/// and its upstream calls carry a managed-identity token for <see cref="UpstreamAudience"/>.
/// </summary>
public sealed record LocalSignalRServiceOptions(string PathBase, string UpstreamUrlTemplate)
{
    public const string DefaultPathBase = "/asrs";

    public LocalEntra? Entra { get; init; }

    public IReadOnlySet<string> AppServerClientIds { get; init; } = new HashSet<string>();

    public string? UpstreamAudience { get; init; }
}
