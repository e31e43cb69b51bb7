using CampaignMcp.SignIn;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// What the consent page offers beside the API key: a "Sign in with …" button (<see cref="User"/> null), or the
/// user the organization's provider signed in, with the scopes their roles grant and those they do not.
/// </summary>
public sealed record SignInChoice(string ProviderName, bool OffersApiKey, SignedInUser? User = null, string? Ticket = null, IReadOnlyList<string>? NotGranted = null);
