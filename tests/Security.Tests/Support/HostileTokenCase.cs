using CampaignMcp.Tokens;

namespace CampaignMcp.Security.Tests.Support;

/// <summary>A named attack, the refusal it must meet, and how to make its token against a running host.</summary>
public sealed record HostileTokenCase(string Name, TokenFailure Expected, Func<HostileTokenForge, Task<string>> Build);
