using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using CampaignMcp.Configuration;

namespace CampaignMcp.Storage;

/// <summary>
/// How to reach a Table service: a connection string (account key, SAS, or <c>UseDevelopmentStorage=true</c>
/// for Azurite) or an endpoint reached with a Microsoft Entra identity. Knows which setting it came from, so
/// that messages name the setting; never prints the connection string.
/// </summary>
public sealed class TableConnection
{
    private readonly string? connectionString;

    private TableConnection(string settingName, Uri endpoint, string? connectionString, string? credential, string? clientId)
    {
        SettingName = settingName;
        Endpoint = endpoint;
        this.connectionString = connectionString;
        Credential = credential;
        ClientId = clientId;
    }

    /// <summary>The setting (or setting prefix) this connection was read from.</summary>
    public string SettingName { get; }

    /// <summary>The table service endpoint, without any query string (a SAS stays in the connection string).</summary>
    public Uri Endpoint { get; }

    public string? Credential { get; }

    public string? ClientId { get; }

    public bool UsesIdentity => connectionString is null;

    /// <summary>Host and port only: what health and logs may show.</summary>
    public string EndpointHost => Endpoint.IsDefaultPort ? Endpoint.Host : $"{Endpoint.Host}:{Endpoint.Port}";

    public TableServiceClient CreateServiceClient(TableClientOptions options) =>
        connectionString is not null
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(Endpoint, CreateCredential(), options);

    private TokenCredential CreateCredential() =>
        string.Equals(Credential, IdentityConnection.ManagedIdentity, StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(ClientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId });

    /// <summary>
    /// Reads one named connection: the value itself (a connection string) or its identity parts. Null with no
    /// error when nothing is set under that name.
    /// </summary>
    public static TableConnection? Parse(string name, string? value, string? tableServiceUri, string? accountName, string? credential, string? clientId, out ConfigurationIssue? error)
    {
        error = null;
        credential = Blank(credential);
        clientId = Blank(clientId);
        if (credential is not null && !string.Equals(credential, IdentityConnection.ManagedIdentity, StringComparison.OrdinalIgnoreCase))
        {
            error = new($"{name}__{IdentityConnection.Credential}", $"must be '{IdentityConnection.ManagedIdentity}' or unset");
            return null;
        }

        if (Blank(value) is { } text)
        {
            try
            {
                // The client parses the string (and knows UseDevelopmentStorage=true); only its endpoint is kept apart.
                var client = new TableServiceClient(text);
                return new TableConnection(name, new UriBuilder(client.Uri) { Query = string.Empty }.Uri, text, null, null);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                error = new(name, "is not a storage connection string with a table endpoint (expected e.g. 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...' or 'UseDevelopmentStorage=true')");
                return null;
            }
        }

        if (Blank(tableServiceUri) is { } uriText)
        {
            if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Query))
            {
                error = new($"{name}__{IdentityConnection.TableServiceUri}", "must be an absolute URL like https://<account>.table.core.windows.net");
                return null;
            }

            return new TableConnection($"{name}__{IdentityConnection.TableServiceUri}", uri, null, credential, clientId);
        }

        if (Blank(accountName) is { } account)
        {
            // Storage account names: 3 to 24 lowercase letters and digits.
            if (account.Length is < 3 or > 24 || !account.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)))
            {
                error = new($"{name}__{IdentityConnection.AccountName}", "must be a storage account name (3 to 24 lowercase letters and digits)");
                return null;
            }

            return new TableConnection($"{name}__{IdentityConnection.AccountName}", new Uri($"https://{account}.table.core.windows.net"), null, credential, clientId);
        }

        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
