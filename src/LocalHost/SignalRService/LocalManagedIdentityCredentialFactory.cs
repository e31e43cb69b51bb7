using Azure.Core;
using CampaignMcp.SignalR;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>Credentials of the local host's Entra mode: the connection string's identity, through <see cref="LocalEntra"/>.</summary>
public sealed class LocalManagedIdentityCredentialFactory(IHttpClientFactory httpClients, Uri tokenUrl, string identityHeader) : ISignalRCredentialFactory
{
    public const string HttpClientName = "local-managed-identity";

    public TokenCredential Create(SignalRServiceEndpoint endpoint) =>
        new LocalManagedIdentityCredential(httpClients.CreateClient(HttpClientName), tokenUrl, identityHeader, endpoint.ClientId);
}
