namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// A public OAuth client as the authorization endpoint sees it. Everything here is asserted by the client
/// itself (registration request or metadata document), so a sign-in page shows it as unverified.
/// </summary>
/// <param name="ClientId">The id as presented: <c>dcr_…</c> or the metadata document's https URL.</param>
/// <param name="Name">The client's <c>client_name</c>, or a fallback (the document's host, the first redirect's host).</param>
/// <param name="RedirectUris">Exactly as registered; compare with <see cref="RedirectUriRules.Matches"/>.</param>
/// <param name="ApplicationType"><c>web</c>, <c>native</c>, or null when the client did not say.</param>
public sealed record OAuthClient(
    string ClientId,
    string Name,
    IReadOnlyList<string> RedirectUris,
    OAuthClientSource Source,
    string? ApplicationType,
    Uri? ClientUri,
    Uri? LogoUri);
