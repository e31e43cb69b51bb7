using CampaignMcp.Tokens;

namespace CampaignMcp.Security.Tests.Support;

/// <summary>
/// A named attack, the refusal it must meet, and how to make its token against a running host.
/// <paramref name="IdentityModelRefuses"/>: JsonWebTokenHandler refuses it too, with the server's validation parameters
/// (checked by <c>HostileTokenTests</c>); the server's reader must never be the more lenient of the two.
/// </summary>
public sealed record HostileTokenCase(string Name, TokenFailure Expected, Func<HostileTokenForge, Task<string>> Build, bool IdentityModelRefuses = false);
