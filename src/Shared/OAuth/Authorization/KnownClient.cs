namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// What an <c>MCP_ALLOWED_CLIENTS</c> short name admits: its documented redirect URIs, compared exactly, and, for a
/// client that runs on the user's computer, any loopback <c>http</c> redirect (RFC 8252 §7.3). A loopback listener
/// can be any program on that computer, whatever port or path it picks, so a path rule would protect nothing: every
/// such program is the same trust level, and the sign-in page says "a program on this computer".
/// </summary>
public sealed record KnownClient(IReadOnlyList<string> RedirectUris, bool RunsOnUsersComputer);
