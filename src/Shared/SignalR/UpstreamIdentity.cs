namespace CampaignMcp.SignalR;

/// <summary>
/// What the service's managed-identity upstream token must carry: <c>aud</c> (the upstream template's
/// <c>auth.managedIdentity.resource</c>), <c>iss</c>, and a signature by a key published at <see cref="KeysUrl"/>.
/// https://learn.microsoft.com/azure/azure-signalr/concept-upstream#authentication
/// </summary>
public sealed record UpstreamIdentity(string Audience, string Issuer, Uri KeysUrl)
{
    /// <summary>Microsoft Entra ID's published signing keys, for tokens of every tenant.</summary>
    public static readonly Uri EntraKeysUrl = new("https://login.microsoftonline.com/common/discovery/v2.0/keys");
}
