using CampaignMcp.Tokens;

namespace CampaignMcp.Security.Tests.Support;

/// <summary>One hostile access token and the reason every surface must give for refusing it.</summary>
public sealed record HostileToken(string Name, string Token, TokenFailure Expected)
{
    public override string ToString() => Name;
}
