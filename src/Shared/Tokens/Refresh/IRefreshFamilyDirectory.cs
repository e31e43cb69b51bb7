namespace CampaignMcp.Tokens.Refresh;

/// <summary>The refresh families an operator can see: every one not revoked and not expired, on any instance.</summary>
public interface IRefreshFamilyDirectory
{
    Task<IReadOnlyList<RefreshFamily>> ListActiveAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
