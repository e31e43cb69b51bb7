using Azure.Core;
using Azure.Identity;

namespace CampaignMcp.SignalR;

/// <summary>
/// <c>azure.msi</c>: <see cref="ManagedIdentityCredential"/> (user-assigned by client id, else system-assigned);
/// <c>azure.app</c>: <see cref="ClientSecretCredential"/>. Azure.Identity caches the Entra token and renews it
/// before it expires. https://learn.microsoft.com/azure/azure-signalr/signalr-howto-authorize-managed-identity
/// </summary>
public sealed class AzureIdentityCredentialFactory : ISignalRCredentialFactory
{
    public TokenCredential Create(SignalRServiceEndpoint endpoint) => endpoint.Auth switch
    {
        SignalRAuthKind.ManagedIdentity => new ManagedIdentityCredential(endpoint.ClientId is { } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned),
        SignalRAuthKind.Application => new ClientSecretCredential(endpoint.TenantId, endpoint.ClientId, endpoint.ClientSecret),
        _ => throw new InvalidOperationException("An AccessKey connection needs no Microsoft Entra credential."),
    };
}
