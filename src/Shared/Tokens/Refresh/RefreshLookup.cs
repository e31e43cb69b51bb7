namespace CampaignMcp.Tokens.Refresh;

public sealed record RefreshLookup(RefreshFamily Family, RefreshTokenMatch Match);
