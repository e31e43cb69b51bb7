namespace CampaignMcp.Tokens;

/// <summary>
/// The person a token was issued to through sign-in with the organization's provider: <see cref="Subject"/> becomes
/// the token's <c>sub</c> (stable, e.g. Entra <c>{tid}/{oid}</c>) and <see cref="Name"/> its <c>name</c>, for logs.
/// </summary>
public sealed record TokenUser(string Subject, string Name);
