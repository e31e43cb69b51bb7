namespace CampaignMcp.SignIn;

/// <summary>
/// The person the provider signed in, from a validated ID token (OpenID Connect Core §2, Entra ID token claims).
/// </summary>
/// <param name="Subject">The stable user id: <c>{tid}/{oid}</c> for Entra (the same in every app), else the ID token's <c>sub</c>.</param>
/// <param name="Name">For people and logs: <c>name</c>, else <c>preferred_username</c>, else <c>email</c>, else the subject.</param>
/// <param name="Username"><c>preferred_username</c> or <c>email</c>, when the provider sent one.</param>
public sealed record SignedInUser(
    string Subject,
    string Name,
    string? Username,
    string? TenantId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Groups);
