namespace CampaignMcp.SignalR;

/// <summary>How the app proves itself to Azure SignalR Service.</summary>
public enum SignalRAuthKind
{
    /// <summary><c>AccessKey=</c>: every token is signed with the service's long-lived key.</summary>
    AccessKey,

    /// <summary><c>AuthType=azure.msi</c>: a managed identity's Microsoft Entra token buys a temporary access key.</summary>
    ManagedIdentity,

    /// <summary><c>AuthType=azure.app</c>: a service principal (client id and secret) does, for local testing.</summary>
    Application,
}
