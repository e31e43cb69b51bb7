namespace CampaignMcp.Health;

public sealed record AuthHealth(
    bool Enabled,
    bool Configured,
    IReadOnlyList<string> Issues,
    IReadOnlyList<string> Warnings,
    string Credentials,
    long TokenExpirySeconds,
    IReadOnlyList<string> AllowedClients,
    IReadOnlyList<string> CorsOrigins,
    string Issuer,
    string Audience);
