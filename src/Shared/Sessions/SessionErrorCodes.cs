namespace CampaignMcp.Sessions;

public static class SessionErrorCodes
{
    /// <summary>The caller is known but may not see or revoke these sessions.</summary>
    public const string Forbidden = "FORBIDDEN";
}
