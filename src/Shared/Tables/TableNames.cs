namespace CampaignMcp.Tables;

/// <summary>The app's tables, each name behind the configured prefix (table names: 3-63 letters and digits).</summary>
public sealed record TableNames(string Prefix)
{
    public string Campaigns => Prefix + "campaigns";
    public string RefreshFamilies => Prefix + "refreshfamilies";
    public string RevokedTokens => Prefix + "revokedtokens";
    public string FailedAttempts => Prefix + "failedattempts";
    public string OAuthClients => Prefix + "oauthclients";
    public string AuthorizationCodes => Prefix + "oauthcodes";
    public string CampaignIndex => Prefix + "campaignindex";

    public IReadOnlyList<string> All => [Campaigns, RefreshFamilies, RevokedTokens, FailedAttempts, OAuthClients, AuthorizationCodes, CampaignIndex];
}
