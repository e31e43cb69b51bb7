namespace CampaignMcp.Storage;

/// <summary>
/// The parts of an identity-based connection, named as the Functions host and its Tables extension name them
/// (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-table#identity-based-connections).
/// </summary>
public static class IdentityConnection
{
    public const string TableServiceUri = "tableServiceUri";
    public const string AccountName = "accountName";
    public const string Credential = "credential";
    public const string ClientId = "clientId";

    /// <summary>The only value <c>__credential</c> takes; unset means DefaultAzureCredential (a developer's sign-in locally).</summary>
    public const string ManagedIdentity = "managedidentity";
}
