namespace CampaignMcp.SignIn;

/// <summary>The signed-in user awaiting consent for one MCP authorization request (<see cref="Binding"/>), used once.</summary>
public sealed record SignInTicket(SignedInUser User, IReadOnlyList<string> Grantable, string Binding, DateTimeOffset ExpiresAt);
