using Azure.Core;

namespace CampaignMcp.SignalR;

/// <summary>The Microsoft Entra credential an identity-based connection string names.</summary>
public interface ISignalRCredentialFactory
{
    TokenCredential Create(SignalRServiceEndpoint endpoint);
}
